package dev.coderl4j.core.critic;

import dev.coderl4j.core.exec.Outcome;

/**
 * The outcome classes a critic predicts: the four of Eq. 4–7, in the paper's order.
 *
 * <p>An enum rather than {@link Outcome} because a class is a label index for a classifier, without
 * the outcome's details (exception type, failing test).
 */
public enum OutcomeClass {
  COMPILE_ERROR,
  RUNTIME_ERROR,
  FAILED_TEST,
  PASSED;

  /** The class of an execution outcome. */
  public static OutcomeClass of(Outcome outcome) {
    return switch (outcome) {
      case Outcome.CompileError c -> COMPILE_ERROR;
      case Outcome.RuntimeError r -> RUNTIME_ERROR;
      case Outcome.FailedTest f -> FAILED_TEST;
      case Outcome.Passed p -> PASSED;
    };
  }
}
