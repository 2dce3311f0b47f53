package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDManager;

/** Builds the architecture a config names. */
public final class Models {
  private Models() {}

  /**
   * The model for {@code config} over {@code weights}.
   *
   * @param manager owns the model's constant tables (GPT-J's rotary sines)
   */
  public static LanguageModel build(LmConfig config, Weights weights, NDManager manager) {
    return switch (config) {
      case T5Config c -> new T5Model(c, weights);
      case GptNeoConfig c -> new GptNeoModel(c, weights);
      case GptJConfig c -> new GptJModel(c, weights, manager);
    };
  }
}
