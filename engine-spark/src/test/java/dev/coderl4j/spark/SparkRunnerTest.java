package dev.coderl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The spark runner in local mode against the inner runner it wraps, run on its own. */
class SparkRunnerTest {

  @Test
  void outcomesOnMbppJobsAreTheInnerRunnersOwnInInputOrderAndEachIsToldOnce() {
    List<ExecutionJob> jobs = MbppJobs.first(LocalSpark.resolver(), 36);
    List<ExecutionResult> plain = LocalSpark.graalpy().runAll(jobs, (i, r) -> {});
    List<Integer> told = Collections.synchronizedList(new ArrayList<>());
    List<ExecutionResult> spark = LocalSpark.spark().runAll(jobs, (i, r) -> told.add(i));

    assertEquals(jobs.size(), spark.size());
    for (int i = 0; i < jobs.size(); i++) {
      ExecutionResult p = plain.get(i);
      ExecutionResult s = spark.get(i);
      assertEquals(jobs.get(i).id(), s.jobId());
      assertEquals(p.outcome(), s.outcome(), jobs.get(i).id());
      assertEquals(p.tests(), s.tests(), jobs.get(i).id());
      assertEquals(p.backend(), s.backend());
    }
    List<Integer> sorted = new ArrayList<>(told);
    Collections.sort(sorted);
    assertEquals(java.util.stream.IntStream.range(0, jobs.size()).boxed().toList(), sorted);
    // The set is only a test of the wire if it has every outcome in it.
    Set<String> labels =
        spark.stream().map(r -> r.outcome().label()).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("COMPILE_ERROR", "FAILED_TEST", "PASSED", "RUNTIME_ERROR"), labels);
  }

  @Test
  void noJobsStartsNoSparkJob() {
    assertEquals(
        List.of(),
        LocalSpark.spark()
            .runAll(
                List.of(),
                (i, r) -> {
                  throw new AssertionError("told of a result that does not exist");
                }));
  }

  @Test
  void anUnreachableMasterIsAOneLineErrorWithinTheConnectTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SparkParams params =
        new SparkParams("spark://127.0.0.1:" + port, LocalSpark.inner(), null, 2.0, null, null);
    IllegalArgumentException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(30),
            () -> assertThrows(IllegalArgumentException.class, () -> new SparkRunner(params)));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(
        e.getMessage().contains("cannot reach the Spark master spark://127.0.0.1:" + port),
        e.getMessage());
  }

  @Test
  void aFailedSparkJobIsOneLineWithTheTasksInnermostCause() {
    String remote =
        "Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 times, most"
            + " recent failure: Lost task 0.3 (executor 0): java.lang.IllegalStateException:"
            + " no worker"
            + "\n\tat dev.coderl4j.X.y(X.java:1)\nCaused by: java.lang.IllegalStateException: the"
            + " root\n\tat dev.coderl4j.X.z(X.java:2)\n\nDriver stacktrace:\n\tat a.b(C.java:3)";
    var e =
        new org.apache.spark.SparkException(
            "Exception thrown in awaitResult: ", new org.apache.spark.SparkException(remote));
    String line = SparkRunner.describe(e);
    assertFalse(line.contains("\n"), line);
    assertTrue(line.startsWith("Job aborted due to stage failure"), line);
    assertTrue(line.endsWith("caused by java.lang.IllegalStateException: the root"), line);
  }

  @Test
  void aMasterWithoutAPortSaysHowToWriteIt() {
    var e = assertThrows(IllegalArgumentException.class, () -> SparkRunner.probe("spark://h", 1));
    assertTrue(e.getMessage().contains("spark://HOST:PORT"), e.getMessage());
  }
}
