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
 * @param output the samples file (human-eval layout: {@code task_id}, {@code completion}), relative
 *     to the run's {@code out}; empty means {@code samples/sampling.jsonl}
 * @param maxSourceTokens prompt tokens kept (CodeRL: 600); the program's length is bounded by the
 *     decoding's {@code maxNewTokens}
 * @param batchSize problems decoded together (default 1); batching several short problems' {@code
 *     N} programs keeps a CPU busy. Each batch is a fixed run of consecutive problems with its own
 *     seed, so the programs do not depend on where an interrupted run resumed.
 */
public record GenerateConfig(
    DataConfig data,
    PluginSpec decoding,
    Integer samplesPerProblem,
    String checkpoint,
    String output,
    Integer maxSourceTokens,
    Integer batchSize) {
  public GenerateConfig {
    java.util.Objects.requireNonNull(
        data,
        "generate.data: name the test problems, e.g. data: {benchmark: {type: mbpp}, split: test}");
    decoding = decoding == null ? PluginSpec.of("nucleus") : decoding;
    samplesPerProblem = samplesPerProblem == null ? 200 : samplesPerProblem;
    checkpoint = checkpoint == null ? "" : checkpoint;
    output = output == null || output.isBlank() ? "samples/sampling.jsonl" : output;
    maxSourceTokens = maxSourceTokens == null ? 600 : maxSourceTokens;
    Checks.positive("generate.samplesPerProblem", samplesPerProblem);
    batchSize = batchSize == null ? 1 : batchSize;
    Checks.positive("generate.maxSourceTokens", maxSourceTokens);
    Checks.positive("generate.batchSize", batchSize);
  }

  /** This generation from another actor checkpoint (empty: the run's latest actor). */
  public GenerateConfig withCheckpoint(String newCheckpoint) {
    return new GenerateConfig(
        data, decoding, samplesPerProblem, newCheckpoint, output, maxSourceTokens, batchSize);
  }

  /** This generation with another decoding into another samples file (the quick start's two). */
  public GenerateConfig with(PluginSpec newDecoding, String newOutput) {
    return new GenerateConfig(
        data, newDecoding, samplesPerProblem, checkpoint, newOutput, maxSourceTokens, batchSize);
  }
}
