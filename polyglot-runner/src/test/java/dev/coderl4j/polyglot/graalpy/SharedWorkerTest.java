package dev.coderl4j.polyglot.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.problem.TestSuite;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lanes: two jobs at once in one worker JVM. A job that takes the shared heap or gets the worker
 * killed must not change the other job's outcome: the runner runs the other again (alone when
 * memory was involved), so the outcomes are those of a JVM per job.
 */
class SharedWorkerTest {
  private static GraalPyRunner runner;

  /** Busy for ~6 s across tests of 1 s each, so it is in progress when its neighbour misbehaves. */
  private static final ExecutionJob INNOCENT =
      new ExecutionJob(
          "innocent",
          "import time\ndef slow():\n    time.sleep(1)\n    return True\n",
          new TestSuite.Asserts("", Collections.nCopies(6, "assert slow()")));

  @BeforeAll
  static void start() {
    // Two lanes in one JIT worker; a small heap so that the bomb goes off quickly.
    runner =
        new GraalPyRunner(
            new GraalPyParams(
                4.0, 30.0, 65536L, 256, null, 2, "jit", null, 1.0, null, null, null, null, null,
                0));
  }

  @AfterAll
  static void stop() {
    runner.close();
  }

  private static List<ExecutionResult> beside(String hostile) {
    ExecutionJob bad =
        new ExecutionJob("hostile", hostile, new TestSuite.Asserts("", List.of("assert True")));
    List<ExecutionResult> out =
        new ArrayList<>(runner.runAll(List.of(INNOCENT, bad), (i, r) -> {}));
    assertEquals(new Outcome.Passed(), out.get(0).outcome(), "the innocent job: " + out.get(0));
    return out;
  }

  @Test
  void bothLanesShareOneWorker() {
    assertEquals(2, runner.params().lanesPerWorker());
    assertTrue(
        WorkerCommand.of(runner.params(), 2, WorkerCommand.Host.current()).contains("-Xmx1024m"),
        "256 MB limit + 512 MB overhead + 256 MB for the second lane");
    assertTrue(
        WorkerCommand.of(runner.params(), 1, WorkerCommand.Host.current()).contains("-Xmx768m"),
        "alone: the limit and the overhead");
  }

  @Test
  void aMemoryBombDoesNotHurtTheJobBesideIt() {
    int before = runner.reruns();
    ExecutionResult bomb = beside("x = []\nwhile True:\n    x.append([0] * 10000)\n").get(1);
    Outcome.RuntimeError e =
        assertInstanceOf(Outcome.RuntimeError.class, bomb.outcome(), bomb.toString());
    assertTrue(List.of("MemoryError", "Timeout").contains(e.errorType()), bomb.toString());
    // The bomb's own verdict comes from a worker of its own, with the heap the limit sets.
    assertTrue(bomb.detail().contains("run again alone"), bomb.toString());
    assertTrue(runner.reruns() > before);
  }

  @Test
  void aKilledNeighbourDoesNotHurtTheJobBesideIt() {
    int before = runner.reruns();
    ExecutionResult killed = beside("sum(range(10**15))\n").get(1);
    Outcome.RuntimeError e =
        assertInstanceOf(Outcome.RuntimeError.class, killed.outcome(), killed.toString());
    assertEquals("Timeout", e.errorType(), killed.toString());
    // The worker died under the innocent job, which was run again.
    assertTrue(runner.reruns() > before, "reruns: " + runner.reruns());
  }

  @Test
  void memoryTroubleIsWhatSendsAJobToRunAlone() {
    assertTrue(
        GraalPyRunner.memoryTrouble(new Wire.Report(null, "MemoryError", List.of(), "", false)));
    assertTrue(
        GraalPyRunner.memoryTrouble(
            new Wire.Report(null, null, List.of("true", "MemoryError"), "", false)));
    // A failure while the worker found its heap short: perhaps starved by the neighbour.
    assertTrue(
        GraalPyRunner.memoryTrouble(new Wire.Report(null, null, List.of("Timeout"), "", true)));
    assertFalse(
        GraalPyRunner.memoryTrouble(
            new Wire.Report(null, null, List.of("true", "true"), "", true)));
    assertFalse(
        GraalPyRunner.memoryTrouble(
            new Wire.Report(null, null, List.of("ZeroDivisionError"), "", false)));
    assertFalse(
        GraalPyRunner.memoryTrouble(new Wire.Report("SyntaxError: x", null, List.of(), "", true)));
  }

  @Test
  void lanesAreValidatedAndDefaultByMode() {
    GraalPyParams d = GraalPyParams.defaults().withWorkers(2);
    assertEquals(2, d.lanesPerWorker(), "the JIT shares one JVM");
    assertEquals(
        GraalPyParams.DEFAULT_JIT_LANES,
        d.withWorkers(16).lanesPerWorker(),
        "16 jobs at once: four JVMs of four lanes");
    assertEquals(16, d.withWorkers(16).withLanes(0).lanesPerWorker(), "0: all in one JVM");
    assertEquals(
        1, d.withCompilation("interpreter").lanesPerWorker(), "interpreted: a JVM per job");
    assertEquals(1, d.withLanes(1).lanesPerWorker());
    assertEquals(2, d.withLanes(5).lanesPerWorker(), "never more lanes than jobs at once");
    IllegalArgumentException ex =
        assertThrows(IllegalArgumentException.class, () -> d.withLanes(-1));
    assertTrue(ex.getMessage().contains("lanes must be 0"), ex.getMessage());
  }
}
