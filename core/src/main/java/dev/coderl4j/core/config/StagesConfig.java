package dev.coderl4j.core.config;

/**
 * The stages to run, in the paper's order (§4.1): warm-start, sample, critic, RL; then generate. An
 * absent stage is skipped; a present one with no keys runs with the defaults.
 */
public record StagesConfig(
    WarmStartConfig warmstart,
    SampleConfig sample,
    CriticStageConfig critic,
    RlConfig rl,
    GenerateConfig generate) {

  /** The stage names in run order. */
  public static final java.util.List<String> ORDER =
      java.util.List.of("warmstart", "sample", "critic", "rl");
}
