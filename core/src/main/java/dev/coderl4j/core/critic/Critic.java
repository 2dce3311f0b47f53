package dev.coderl4j.core.critic;

import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TokenPair;
import java.nio.file.Path;
import java.util.List;

/**
 * An error predictor over (problem, program) pairs: CodeRL's critic (§3.3, Eq. 9).
 *
 * <p>A smaller encoder-decoder reads the problem (source) and a sampled program (target); its final
 * decoder states {@code h_1..h_T} are max-pooled and classified, {@code û =
 * softmax(Linear(h^pool))}, and each state alone gives the token value {@code v̂_t =
 * softmax(Linear(h_t))}. The four-class critic's values weight the actor's RL loss (Eq. 10); the
 * binary critic ({@link LabelSet#BINARY}) chooses seeds in Critic Sampling (Fig. 3). Training
 * minimises {@code −log p(u | W^s, D)}. Backbones are named plugins; ids are in the actor's
 * vocabulary. Not thread-safe.
 *
 * <p>A critic plugin's contract (checked by {@code CriticContract}) also covers its factory: its
 * params take the label set as {@code labels} ({@code FOUR_CLASS} or {@code BINARY}: the critic
 * stage trains one of each), and {@link dev.coderl4j.core.plugin.PluginFactory#reopen} reopens a
 * folder {@link #save} wrote, predicting as the saved critic did.
 */
public interface Critic extends AutoCloseable {

  /** The classes this critic predicts. */
  LabelSet labels();

  /** Predictions for each (problem, program) pair, in order. Does not change the critic. */
  List<CriticPrediction> predict(List<TokenPair> batch);

  /**
   * Adds the gradients of {@code scale * Σ_i −log p(u_i | W_i, D_i)} (Eq. 9) to the accumulated
   * ones and returns that loss; {@link #step()} applies them.
   */
  double accumulateGradients(List<LabelledSample> batch, double scale);

  /** Applies the accumulated gradients with the optimiser and clears them. */
  StepStats step();

  /**
   * Writes the critic (weights, head, label set) to {@code dir} so that its plugin's factory can
   * reopen it.
   */
  void save(Path dir);

  @Override
  void close();
}
