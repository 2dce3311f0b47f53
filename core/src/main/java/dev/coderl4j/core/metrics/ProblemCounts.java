package dev.coderl4j.core.metrics;

import java.util.Objects;
import java.util.Optional;

/**
 * What the metrics need to know about one problem's samples: how many, how many are correct, and
 * how many survive example-test filtering.
 *
 * @param problemId the problem's id
 * @param difficulty APPS' difficulty, or empty for benchmarks without one
 * @param samples samples generated (n)
 * @param correct samples that pass the hidden tests (c)
 * @param filtered samples that pass the example tests (all of them when a problem has none)
 * @param filteredCorrect samples that pass both the example and the hidden tests
 */
public record ProblemCounts(
    String problemId,
    Optional<String> difficulty,
    int samples,
    int correct,
    int filtered,
    int filteredCorrect) {

  public ProblemCounts {
    Objects.requireNonNull(problemId, "problemId");
    Objects.requireNonNull(difficulty, "difficulty: use Optional.empty()");
    if (samples < 1) {
      throw new IllegalArgumentException(problemId + ": samples must be >= 1, got " + samples);
    }
    if (correct < 0 || correct > samples) {
      throw new IllegalArgumentException(
          problemId + ": correct must be in [0, samples=" + samples + "], got " + correct);
    }
    if (filtered < 0 || filtered > samples) {
      throw new IllegalArgumentException(
          problemId + ": filtered must be in [0, samples=" + samples + "], got " + filtered);
    }
    if (filteredCorrect < 0 || filteredCorrect > Math.min(filtered, correct)) {
      throw new IllegalArgumentException(
          problemId
              + ": filteredCorrect must be in [0, min(filtered, correct)], got "
              + filteredCorrect);
    }
  }

  /** Counts for a problem without example-test filtering (every sample is submitted). */
  public static ProblemCounts unfiltered(
      String problemId, Optional<String> difficulty, int samples, int correct) {
    return new ProblemCounts(problemId, difficulty, samples, correct, samples, correct);
  }

  /** This problem's unbiased pass@k. */
  public double passAtK(int k) {
    return PassAtK.estimate(samples, correct, k);
  }

  /** This problem's n@k with example-test filtering. */
  public double nAtK(int n, int k) {
    return NAtK.estimate(samples, filtered, filteredCorrect, n, k);
  }
}
