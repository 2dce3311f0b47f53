package dev.coderl4j.core.problem;

import java.util.List;
import java.util.Objects;

/**
 * The unit tests of a problem, in one of the three shapes the benchmarks use.
 *
 * <p>A suite is a closed set: MBPP and HumanEval check a program with {@code assert} statements,
 * APPS checks it either through standard input/output or by calling a named function. The runner
 * gives each shape its own semantics (see {@code docs/execution.md}); the paper's reward (§3.3, Eq.
 * 4–7) only needs the outcome.
 */
public sealed interface TestSuite permits TestSuite.Asserts, TestSuite.Stdin, TestSuite.Call {

  /** The number of tests in the suite. */
  int size();

  /**
   * A copy of this suite with only the first {@code n} tests (e.g. example tests of a statement).
   */
  TestSuite limit(int n);

  /**
   * Assert-statement tests (MBPP, HumanEval): the program, then {@code setup}, then each assert.
   *
   * @param setup code run after the program and before the asserts; empty for none
   * @param asserts one Python statement per test, each run on its own
   */
  record Asserts(String setup, List<String> asserts) implements TestSuite {
    public Asserts {
      Objects.requireNonNull(setup, "setup: use \"\" when there is no setup code");
      asserts = List.copyOf(Objects.requireNonNull(asserts, "asserts"));
    }

    @Override
    public int size() {
      return asserts.size();
    }

    @Override
    public Asserts limit(int n) {
      return new Asserts(setup, asserts.subList(0, Math.min(n, asserts.size())));
    }
  }

  /** Standard-input tests (APPS): the whole program runs once per case. */
  record Stdin(List<StdinCase> cases) implements TestSuite {
    public Stdin {
      cases = List.copyOf(Objects.requireNonNull(cases, "cases"));
    }

    @Override
    public int size() {
      return cases.size();
    }

    @Override
    public Stdin limit(int n) {
      return new Stdin(cases.subList(0, Math.min(n, cases.size())));
    }
  }

  /**
   * Call-based tests (APPS/LeetCode/Codewars): {@code fnName} is called with JSON arguments.
   *
   * @param fnName a top-level function, or a method of {@code class Solution}
   */
  record Call(String fnName, List<CallCase> cases) implements TestSuite {
    public Call {
      Objects.requireNonNull(fnName, "fnName");
      if (fnName.isBlank()) {
        throw new IllegalArgumentException(
            "fnName is blank: call-based tests need the function name");
      }
      cases = List.copyOf(Objects.requireNonNull(cases, "cases"));
    }

    @Override
    public int size() {
      return cases.size();
    }

    @Override
    public Call limit(int n) {
      return new Call(fnName, cases.subList(0, Math.min(n, cases.size())));
    }
  }

  /** One standard-input case: the full stdin text and the expected stdout text. */
  record StdinCase(String input, String output) {
    public StdinCase {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(output, "output");
    }
  }

  /**
   * One call case, with values kept as JSON text so that the record stays immutable and
   * engine-neutral.
   *
   * @param argsJson a JSON array: the positional arguments
   * @param outputJson the expected return value as JSON
   */
  record CallCase(String argsJson, String outputJson) {
    public CallCase {
      Objects.requireNonNull(argsJson, "argsJson");
      Objects.requireNonNull(outputJson, "outputJson");
    }
  }
}
