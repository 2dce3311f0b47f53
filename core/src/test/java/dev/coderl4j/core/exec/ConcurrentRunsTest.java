package dev.coderl4j.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coderl4j.core.problem.TestSuite;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentRunsTest {
  private static List<ExecutionJob> jobs(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new ExecutionJob("j" + i, "pass", new TestSuite.Asserts("", List.of())))
        .toList();
  }

  private static ExecutionResult result(ExecutionJob job) {
    return new ExecutionResult(job.id(), new Outcome.Passed(), List.of(), 0, "test", "");
  }

  @Test
  void resultsComeBackInInputOrderAndEachIsReportedOnce() {
    ConcurrentHashMap<Integer, String> reported = new ConcurrentHashMap<>();
    List<ExecutionResult> out =
        ConcurrentRuns.runAll(
            jobs(50),
            (i, r) -> reported.merge(i, r.jobId(), (a, b) -> a + "," + b),
            4,
            ConcurrentRunsTest::result);
    assertEquals(
        IntStream.range(0, 50).mapToObj(i -> "j" + i).toList(),
        out.stream().map(ExecutionResult::jobId).toList());
    assertEquals(50, reported.size());
    reported.forEach((i, id) -> assertEquals("j" + i, id));
  }

  @Test
  void aBrokenRunnerStopsTheRunAndItsErrorIsRethrown() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                ConcurrentRuns.runAll(
                    jobs(10),
                    ProgramRunner.RunListener.NONE,
                    2,
                    job -> {
                      if (job.id().equals("j3")) {
                        throw new IllegalStateException("worker pool is gone");
                      }
                      return result(job);
                    }));
    assertEquals("worker pool is gone", e.getMessage());
  }

  @Test
  void anEmptyListIsFine() {
    assertEquals(
        List.of(),
        ConcurrentRuns.runAll(
            List.of(), ProgramRunner.RunListener.NONE, 2, ConcurrentRunsTest::result));
  }
}
