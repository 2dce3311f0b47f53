package dev.coderl4j.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.coderl4j.core.problem.TestSuite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * What every {@link ProgramRunner} must do: the job semantics and classification of {@code
 * docs/execution.md} (§3.3, Eq. 4–7). Implemented by each backend's test.
 */
public interface ProgramRunnerContract {

  /** The runner under test (shared; the contract never closes it). */
  ProgramRunner runner();

  private static ExecutionJob asserts(String program, String... tests) {
    return new ExecutionJob("t", program, new TestSuite.Asserts("", List.of(tests)));
  }

  @Property(tries = 8)
  default void stdinProgramsAreJudgedByTheirOutput(
      @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int a,
      @ForAll @IntRange(min = -1_000_000, max = 1_000_000) int b) {
    String program = "a, b = map(int, input().split())\nprint(a + b)\n";
    var right = new TestSuite.StdinCase(a + " " + b + "\n", (a + b) + "\n");
    var wrong = new TestSuite.StdinCase(a + " " + b + "\n", (a + b + 1) + "\n");
    ExecutionResult r =
        runner().run(new ExecutionJob("s", program, new TestSuite.Stdin(List.of(right, wrong))));
    assertEquals(List.of(TestResult.PASS, TestResult.FAIL), r.tests());
    assertEquals(new Outcome.FailedTest(1), r.outcome());
  }

  @Property(tries = 8)
  default void assertTestsSeeTheProgramsDefinitions(
      @ForAll @IntRange(min = 0, max = 10_000) int n) {
    ExecutionResult r =
        runner()
            .run(
                asserts(
                    "def sq(x):\n    return x * x\n",
                    "assert sq(" + n + ") == " + ((long) n * n),
                    "assert sq(" + n + ") == -1"));
    assertEquals(List.of(TestResult.PASS, TestResult.FAIL), r.tests());
  }

  @Example
  default void aProgramThatDoesNotParseIsACompileError() {
    ExecutionResult r = runner().run(asserts("def f(:\n  pass\n", "assert True"));
    assertInstanceOf(Outcome.CompileError.class, r.outcome());
    assertEquals(List.of(), r.tests());
  }

  @Example
  default void anExceptionWhileLoadingIsARuntimeErrorBeforeAnyTest() {
    ExecutionResult r = runner().run(asserts("x = {}['missing']\n", "assert True"));
    assertEquals(new Outcome.RuntimeError("KeyError", -1), r.outcome());
  }

  @Example
  default void theFirstTestThatDoesNotPassDecidesAndEveryTestIsReported() {
    ExecutionResult r =
        runner()
            .run(
                asserts(
                    "def f(x):\n    return 10 // x\n",
                    "assert f(1) == 10",
                    "assert f(0) == 0",
                    "assert f(2) == 4",
                    "assert f(5) == 2"));
    assertEquals(
        List.of(
            TestResult.PASS,
            new TestResult.Error("ZeroDivisionError"),
            TestResult.FAIL,
            TestResult.PASS),
        r.tests());
    assertEquals(new Outcome.RuntimeError("ZeroDivisionError", 1), r.outcome());
  }

  @Example
  default void stopAtFirstFailureReportsOnlyUpToIt() {
    ExecutionJob job =
        new ExecutionJob(
            "t",
            "def f(x):\n    return x\n",
            new TestSuite.Asserts(
                "", List.of("assert f(1) == 1", "assert f(2) == 3", "assert f(3) == 3")),
            true);
    ExecutionResult r = runner().run(job);
    assertEquals(List.of(TestResult.PASS, TestResult.FAIL), r.tests());
    assertEquals(new Outcome.FailedTest(1), r.outcome());
  }

  @Example
  default void setupCodeRunsAfterTheProgramAndBeforeTheTests() {
    ExecutionJob job =
        new ExecutionJob(
            "t",
            "def f():\n    return BASE + 1\n",
            new TestSuite.Asserts("BASE = 41", List.of("assert f() == 42")));
    assertEquals(new Outcome.Passed(), runner().run(job).outcome());
  }

  @Example
  default void systemExitEndsAStdinProgramNormally() {
    ExecutionJob job =
        new ExecutionJob(
            "t",
            "import sys\nprint('yes')\nsys.exit(0)\nprint('no')\n",
            new TestSuite.Stdin(List.of(new TestSuite.StdinCase("", "yes\n"))));
    assertEquals(new Outcome.Passed(), runner().run(job).outcome());
  }

  @Example
  default void stdinComparisonIsLineByLineAfterStripping() {
    ExecutionJob job =
        new ExecutionJob(
            "t",
            "print('  a  ')\nprint('b')\nprint()\n",
            new TestSuite.Stdin(
                List.of(
                    new TestSuite.StdinCase("", "a\r\nb"), new TestSuite.StdinCase("", "a b"))));
    assertEquals(List.of(TestResult.PASS, TestResult.FAIL), runner().run(job).tests());
  }

  @Example
  default void callTestsUseSolutionMethodsTuplesAsListsAndWrappedOutputs() {
    String program =
        "class Solution:\n    def pair(self, xs, k):\n        return (xs[0] + k, [1, (2, 3)])\n";
    ExecutionJob job =
        new ExecutionJob(
            "t",
            program,
            new TestSuite.Call(
                "pair",
                List.of(
                    new TestSuite.CallCase("[[1, 2], 3]", "[4, [1, [2, 3]]]"),
                    new TestSuite.CallCase("[[1, 2], 3]", "[[4, [1, [2, 3]]]]"),
                    new TestSuite.CallCase("[[1, 2], 3]", "[5, [1, [2, 3]]]"))));
    assertEquals(
        List.of(TestResult.PASS, TestResult.PASS, TestResult.FAIL), runner().run(job).tests());
  }

  @Example
  default void callTestsFindTopLevelFunctions() {
    // A runner adds nothing to the program (APPS' import header is the benchmark's): it imports.
    ExecutionJob job =
        new ExecutionJob(
            "t",
            "from math import sqrt\n"
                + "def is_prime(n):\n"
                + "    return n > 1 and all(n % d for d in range(2, int(sqrt(n)) + 1))\n",
            new TestSuite.Call(
                "is_prime",
                List.of(
                    new TestSuite.CallCase("[7]", "[true]"),
                    new TestSuite.CallCase("[8]", "[false]"),
                    new TestSuite.CallCase("[\"x\"]", "[false]"))));
    ExecutionResult r = runner().run(job);
    assertEquals(
        List.of(TestResult.PASS, TestResult.PASS, new TestResult.Error("TypeError")), r.tests());
  }

  @Example
  default void aMissingFunctionIsALoadError() {
    ExecutionJob job =
        new ExecutionJob(
            "t",
            "def other():\n    pass\n",
            new TestSuite.Call("wanted", List.of(new TestSuite.CallCase("[]", "null"))));
    assertEquals(new Outcome.RuntimeError("NameError", -1), runner().run(job).outcome());
  }

  @Example
  default void anInfiniteLoopTimesOutAndTheNextTestStillRuns() {
    ExecutionResult r =
        runner()
            .run(
                asserts(
                    "def f(x):\n    while x:\n        pass\n    return 1\n",
                    "assert f(True) == 1",
                    "assert f(False) == 1"));
    assertEquals(List.of(new TestResult.Error("Timeout"), TestResult.PASS), r.tests());
  }

  @Example
  default void runAllKeepsInputOrderAndTellsTheListenerOfEveryJob() {
    List<ExecutionJob> jobs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      jobs.add(
          new ExecutionJob(
              "j" + i,
              "x = " + i + "\n",
              new TestSuite.Asserts("", List.of("assert x == " + (i % 3 == 0 ? i : -1)))));
    }
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    List<ExecutionResult> rs = runner().runAll(jobs, (i, r) -> seen.add(i));
    for (int i = 0; i < jobs.size(); i++) {
      assertEquals("j" + i, rs.get(i).jobId());
      assertEquals(i % 3 == 0, rs.get(i).passed());
    }
    assertEquals(jobs.size(), seen.size());
  }
}
