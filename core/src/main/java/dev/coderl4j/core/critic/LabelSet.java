package dev.coderl4j.core.critic;

import java.util.List;

/**
 * Which classes a critic distinguishes (§3.3).
 *
 * <p>{@link #FOUR_CLASS} is the training critic of Eq. 9, whose token values weight the RL loss;
 * {@link #BINARY} is the critic {@code φ_test} of Critic Sampling, trained on {FailedTest,
 * PassedTest}: every outcome other than a pass counts as FailedTest, as in CodeRL's {@code
 * binary_prediction} mode.
 */
public enum LabelSet {
  FOUR_CLASS,
  BINARY;

  /** Number of classes, i.e. the width of the critic's output layer. */
  public int size() {
    return switch (this) {
      case FOUR_CLASS -> 4;
      case BINARY -> 2;
    };
  }

  /** The index of {@code c} in this label set's output vector. */
  public int index(OutcomeClass c) {
    return switch (this) {
      case FOUR_CLASS -> c.ordinal();
      case BINARY -> c == OutcomeClass.PASSED ? 1 : 0;
    };
  }

  /** The index of the passing class: 3 for four classes, 1 for binary. */
  public int passedIndex() {
    return index(OutcomeClass.PASSED);
  }

  /** The index of the class that Critic Sampling compares with PassedTest (FailedTest). */
  public int failedIndex() {
    return index(OutcomeClass.FAILED_TEST);
  }

  /** Human-readable class names in index order, for confusion matrices. */
  public List<String> names() {
    return switch (this) {
      case FOUR_CLASS -> List.of("CompileError", "RuntimeError", "FailedTest", "PassedTest");
      case BINARY -> List.of("FailedTest", "PassedTest");
    };
  }
}
