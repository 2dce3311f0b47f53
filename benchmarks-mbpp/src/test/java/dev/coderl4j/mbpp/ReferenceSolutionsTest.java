package dev.coderl4j.mbpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reference solutions pass and broken ones do not, on the real GraalPy runner (a small, fast
 * subset; {@link ReferenceSolutionsIT} runs every problem).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceSolutionsTest {
  private ProgramRunner runner;

  @BeforeAll
  void start() {
    runner = RealRunner.graalpy(2);
  }

  @AfterAll
  void stop() {
    runner.close();
  }

  @Test
  void mbppTestSplitReferencesPass() {
    List<Problem> some =
        MbppLoader.readFull(Bundled.open("", Bundled.MBPP), "mbpp", false).subList(10, 20);
    Map<String, ExecutionResult> failing = RealRunner.failingReferences(runner, some);
    assertEquals(Map.of(), failing, RealRunner.describe(failing));
  }

  @Test
  void humanEvalCanonicalSolutionsPassThroughTheFormat() {
    List<Problem> some =
        HumanEvalLoader.read(Bundled.open("", Bundled.HUMANEVAL), "he").subList(0, 5);
    HumanEvalFormat f = new HumanEvalFormat();
    List<ExecutionJob> jobs =
        some.stream()
            .map(
                p ->
                    new ExecutionJob(
                        p.id(),
                        f.program(p, p.solutions().getFirst().substring(p.statement().length())),
                        p.hiddenTests()))
            .toList();
    for (ExecutionResult r : runner.runAll(jobs, ProgramRunner.RunListener.NONE)) {
      assertEquals(Outcome.Passed.LABEL, r.outcome().label(), r.jobId() + " " + r.detail());
    }
  }

  @Test
  void brokenProgramsGetTheirOutcome() {
    Problem p = MbppLoader.readFull(Bundled.open("", Bundled.MBPP), "mbpp", false).get(10);
    TestSuite tests = p.hiddenTests();
    List<ExecutionResult> rs =
        runner.runAll(
            List.of(
                new ExecutionJob("syntax", "def remove_Occ(s, ch:\n    return s\n", tests),
                new ExecutionJob("wrong", "def remove_Occ(s, ch):\n    return s\n", tests),
                new ExecutionJob("raises", "def remove_Occ(s, ch):\n    return 1 // 0\n", tests)),
            ProgramRunner.RunListener.NONE);
    assertEquals(Outcome.CompileError.LABEL, rs.get(0).outcome().label());
    assertEquals(Outcome.FailedTest.LABEL, rs.get(1).outcome().label());
    assertEquals(new Outcome.RuntimeError("ZeroDivisionError", 0), rs.get(2).outcome());
  }
}
