package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDManager;

/**
 * The typed {@code config.json} of a supported architecture, read by its {@link Backbone} (which
 * {@link Backbones#parse} picks by {@code model_type}); it builds the model over checkpoint
 * tensors.
 */
public interface LmConfig {

  /** Rows of the output projection. */
  int vocabSize();

  /** Width of the final hidden states. */
  int hiddenSize();

  /** End-of-sequence id; decoding stops on it. */
  int eosTokenId();

  /** The actor plugin name of the architecture ({@code codet5}, {@code gpt-neo}, {@code qwen2}). */
  String architecture();

  /**
   * The model over {@code weights}, taking every parameter it uses by its Hugging Face name.
   *
   * @param manager owns constant tables the model derives (none are parameters)
   */
  LanguageModel build(Weights weights, NDManager manager);
}
