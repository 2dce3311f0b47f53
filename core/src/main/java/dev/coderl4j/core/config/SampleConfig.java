package dev.coderl4j.core.config;

import dev.coderl4j.core.plugin.PluginSpec;

/**
 * The sample stage (§3.3, Fig. 2; §4.1): draw programs from the warm-started actor for every
 * training problem, plus the greedy baseline {@code W^b} (Eq. 8), and run them against the hidden
 * tests.
 *
 * @param samplesPerProblem programs drawn per problem (not given in the paper; CodeRL's scripts
 *     draw tens per problem)
 * @param decoding the sampler, e.g. {@code {type: nucleus}} (the paper samples with nucleus); its
 *     params bound the program length
 * @param baseline the baseline decoder; the paper's is greedy
 * @param batchSize problems decoded together
 * @param maxSourceTokens prompt tokens kept (CodeRL: 600)
 */
public record SampleConfig(
    Integer samplesPerProblem,
    PluginSpec decoding,
    PluginSpec baseline,
    Integer batchSize,
    Integer maxSourceTokens) {
  public SampleConfig {
    samplesPerProblem = samplesPerProblem == null ? 20 : samplesPerProblem;
    decoding = decoding == null ? PluginSpec.of("nucleus") : decoding;
    baseline = baseline == null ? PluginSpec.of("greedy") : baseline;
    batchSize = batchSize == null ? 1 : batchSize;
    maxSourceTokens = maxSourceTokens == null ? 600 : maxSourceTokens;
    Checks.positive("sample.samplesPerProblem", samplesPerProblem);
    Checks.positive("sample.batchSize", batchSize);
    Checks.positive("sample.maxSourceTokens", maxSourceTokens);
  }

  /** All defaults. */
  public static SampleConfig defaults() {
    return new SampleConfig(null, null, null, null, null);
  }
}
