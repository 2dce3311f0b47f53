package dev.coderl4j.core.reward;

import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Consistent (outcome, per-test results, suite size) triples, as a runner reports them: a pass ran
 * every test, a failure or error stops at the test that decided it (optionally reporting the rest).
 */
public final class ExecutionArbitraries {
  private ExecutionArbitraries() {}

  /** One execution as the reward sees it. */
  public record Execution(Outcome outcome, List<TestResult> tests, int suiteSize) {
    public Execution {
      tests = List.copyOf(tests);
    }
  }

  /** Any consistent execution over suites of 1 to 12 tests. */
  public static Arbitrary<Execution> executions() {
    return Arbitraries.oneOf(passed(), notPassed());
  }

  /** Executions that passed every test. */
  public static Arbitrary<Execution> passed() {
    return Arbitraries.integers()
        .between(1, 12)
        .map(n -> new Execution(new Outcome.Passed(), Collections.nCopies(n, TestResult.PASS), n));
  }

  /** Executions that did not pass: compile errors, runtime errors and failed tests. */
  public static Arbitrary<Execution> notPassed() {
    Arbitrary<Execution> compile =
        Arbitraries.integers()
            .between(1, 12)
            .map(n -> new Execution(new Outcome.CompileError("invalid syntax"), List.of(), n));
    Arbitrary<Execution> loadError =
        Arbitraries.integers()
            .between(1, 12)
            .map(n -> new Execution(new Outcome.RuntimeError("NameError", -1), List.of(), n));
    Arbitrary<Execution> failedOrError =
        Combinators.combine(
                Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(0, 11),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false))
            .filter((n, at, fail, rest) -> at < n)
            .as(
                (n, at, fail, rest) -> {
                  List<TestResult> tests =
                      new ArrayList<>(Collections.nCopies(at, TestResult.PASS));
                  tests.add(fail ? TestResult.FAIL : new TestResult.Error("ZeroDivisionError"));
                  if (rest) {
                    for (int i = at + 1; i < n; i++) {
                      tests.add(i % 2 == 0 ? TestResult.PASS : TestResult.FAIL);
                    }
                  }
                  Outcome o =
                      fail
                          ? new Outcome.FailedTest(at)
                          : new Outcome.RuntimeError("ZeroDivisionError", at);
                  return new Execution(o, tests, n);
                });
    return Arbitraries.oneOf(compile, loadError, failedOrError);
  }
}
