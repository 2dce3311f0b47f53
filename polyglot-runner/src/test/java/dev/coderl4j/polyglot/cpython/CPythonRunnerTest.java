package dev.coderl4j.polyglot.cpython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.polyglot.Runners;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CPythonRunnerTest {
  @Test
  void aMissingInterpreterIsAClearError() {
    var e =
        assertThrows(
            IllegalStateException.class,
            () -> new CPythonRunner(CPythonParams.defaults().withExecutable("no-such-python-3")));
    assertTrue(e.getMessage().contains("executable"), e.getMessage());
  }

  @Test
  void processPerJobModeGivesTheSameResultsAsTheServer() {
    Assumptions.assumeTrue(Runners.hasPython(), "python3 is not on the PATH");
    ExecutionJob job =
        new ExecutionJob(
            "t",
            "def f(x):\n    return 10 // x\n",
            new TestSuite.Asserts(
                "", List.of("assert f(1) == 10", "assert f(0) == 0", "assert f(2) == 4")));
    try (CPythonRunner perJob = new CPythonRunner(CPythonParams.defaults())) {
      var r = perJob.run(job);
      assertEquals(
          List.of(TestResult.PASS, new TestResult.Error("ZeroDivisionError"), TestResult.FAIL),
          r.tests());
      assertEquals(r.tests(), Runners.cpython().run(job).tests());
      assertEquals(r.outcome(), Runners.cpython().run(job).outcome());
    }
  }

  @Test
  void theHarnessRefusesFilesLikeTheSandbox() {
    Assumptions.assumeTrue(Runners.hasPython(), "python3 is not on the PATH");
    var r =
        Runners.cpython()
            .run(
                new ExecutionJob(
                    "t",
                    "open('x.txt', 'w').write('no')\n",
                    new TestSuite.Asserts("", List.of("assert True"))));
    assertEquals(new Outcome.RuntimeError("PermissionError", -1), r.outcome());
  }
}
