package dev.coderl4j.core.lm;

import java.nio.file.Path;
import java.util.List;

/**
 * The policy network: a pretrained code LM that writes programs and is fine-tuned (§3.1, §3.3).
 *
 * <p>Backbones (CodeT5, GPT-Neo, GPT-J) are named plugins that load Hugging Face checkpoints. The
 * API speaks ids and Java arrays only: decoding strategies drive {@link DecodingSession}s, training
 * sends token-weighted sequences, the critic reads hidden states. Not thread-safe.
 *
 * <p>An actor plugin's contract (checked by {@code ActorContract}) also covers its factory: {@link
 * dev.coderl4j.core.plugin.PluginFactory#reopen} reopens a folder {@link #save} wrote, scoring as
 * the saved actor did, which is how each stage continues from the previous one's checkpoint. The
 * run layer takes its tokenizer from {@link #tokenizer()}, never from the model folder.
 */
public interface Actor extends AutoCloseable {

  ModelInfo info();

  TextTokenizer tokenizer();

  /** Starts cached incremental decoding; each input's target is the seed to continue. */
  DecodingSession startDecoding(List<TokenPair> inputs);

  /** Log-probability of each target token given its source and the targets before it. */
  List<float[]> tokenLogProbs(List<TokenPair> batch);

  /** Final decoder hidden states, {@code [targetLength][hiddenSize]} per input (for critics). */
  List<float[][]> hiddenStates(List<TokenPair> batch);

  /**
   * Adds the gradients of {@code scale * Σ_i Σ_t w_it · (−log p(t_it))} to the accumulated ones and
   * returns that loss. Call {@link #step()} to apply them.
   */
  double accumulateGradients(List<WeightedSequence> batch, double scale);

  /** Applies the accumulated gradients with the optimiser and clears them. */
  StepStats step();

  /**
   * Writes the model as a folder its plugin's factory can reopen (for Hugging Face models: config,
   * safetensors, tokenizer).
   */
  void save(Path dir);

  @Override
  void close();
}
