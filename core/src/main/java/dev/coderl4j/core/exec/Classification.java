package dev.coderl4j.core.exec;

import java.util.List;
import java.util.Optional;

/**
 * The classification rule of §3.3 (Eq. 4–7), shared by every backend so that they cannot drift.
 *
 * <p>A program that does not compile is a compile error; an exception while loading it is a runtime
 * error; otherwise the tests run in order and the first one that does not pass decides (an
 * exception or a limit: runtime error; a wrong answer: failed test); all pass: passed.
 */
public final class Classification {
  private Classification() {}

  /**
   * Classifies one run.
   *
   * @param compileError the compiler's message when the program did not compile
   * @param loadError the exception type raised while loading the program, if any
   * @param tests the per-test results in order
   */
  public static Outcome classify(
      Optional<String> compileError, Optional<String> loadError, List<TestResult> tests) {
    if (compileError.isPresent()) {
      return new Outcome.CompileError(compileError.get());
    }
    if (loadError.isPresent()) {
      return new Outcome.RuntimeError(loadError.get(), -1);
    }
    for (int i = 0; i < tests.size(); i++) {
      switch (tests.get(i)) {
        case TestResult.Pass p -> {}
        case TestResult.Fail f -> {
          return new Outcome.FailedTest(i);
        }
        case TestResult.Error e -> {
          return new Outcome.RuntimeError(e.type(), i);
        }
      }
    }
    return new Outcome.Passed();
  }

  /** The wire form of one test result: {@code true}, {@code false} or a type name. */
  public static TestResult fromWire(String wire) {
    return switch (wire) {
      case "true" -> TestResult.PASS;
      case "false" -> TestResult.FAIL;
      default -> new TestResult.Error(wire);
    };
  }
}
