package dev.coderl4j.core.config;

import dev.coderl4j.core.plugin.PluginSpec;

/**
 * Generation for evaluation (§4): N programs per test problem, with plain decoding or with Critic
 * Sampling (§3.3, Fig. 3), written as a samples file that {@code coderl evaluate} scores.
 *
 * @param data the test problems
 * @param decoding the strategy; {@code {type: critic-sampling}} for Critic Sampling (the paper:
 *     nucleus sampling, N = 200)
 * @param samplesPerProblem N
 * @param checkpoint the actor to load; empty means the RL stage's, else the warm-start's, else the
 *     config's actor
 * @param output the samples file, relative to the run's {@code out}; empty means
 *     {@code generate/samples.jsonl}
 */
public record GenerateConfig(
    DataConfig data, PluginSpec decoding, Integer samplesPerProblem,
    String checkpoint, String output) {
  public GenerateConfig {
    java.util.Objects.requireNonNull(data, "generate.data: name the test problems, e.g. data: {benchmark: {type: mbpp}, split: test}");
    decoding = decoding == null ? PluginSpec.of("nucleus") : decoding;
    samplesPerProblem = samplesPerProblem == null ? 200 : samplesPerProblem;
    checkpoint = checkpoint == null ? "" : checkpoint;
    output = output == null || output.isBlank() ? "generate/samples.jsonl" : output;
    Checks.positive("generate.samplesPerProblem", samplesPerProblem);
  }
}
