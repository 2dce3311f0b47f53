package dev.coderl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskEndReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An evaluation through a real standalone cluster on loopback (a master and two workers, each a JVM
 * of its own), with one worker killed by SIGKILL while the job runs: Spark runs the lost tasks
 * again on the other, and the results are complete and the same as the local run's.
 */
@Tag("slow")
class StandaloneClusterIT {
  /** Interpreted GraalPy, one worker per executor: each cluster worker has one core. */
  private static final String INNER =
      "{\"type\": \"graalpy\", \"params\": {\"workers\": 1, \"compilation\": \"interpreter\"}}";

  @BeforeAll
  static void onlyOneContextPerJvm() {
    LocalSpark.release();
  }

  @Test
  void aWorkerKilledMidJobLosesNothing(@TempDir Path dir) throws Exception {
    List<ExecutionJob> jobs = MbppJobs.first(LocalSpark.resolver(), 60);
    PluginSpec inner = new Wire().spec(INNER);
    List<ExecutionResult> local;
    try (ProgramRunner plain = LocalSpark.resolver().create(ProgramRunner.class, inner)) {
      local = plain.runAll(jobs, ProgramRunner.RunListener.NONE);
    }
    try (StandaloneCluster cluster = new StandaloneCluster(dir, 2, 1)) {
      Map<String, String> conf =
          Map.of(
              "spark.executor.extraClassPath", System.getProperty("java.class.path"),
              "spark.executor.extraJavaOptions", String.join(" ", StandaloneCluster.jvmFlags()),
              "spark.executor.memory", "1g",
              "spark.driver.host", "127.0.0.1",
              "spark.driver.bindAddress", "127.0.0.1");
      SparkParams params = new SparkParams(cluster.masterUrl(), inner, 2, 30.0, 180.0, conf);
      AtomicIntegerArray told = new AtomicIntegerArray(jobs.size());
      CountDownLatch someDone = new CountDownLatch(8);
      AtomicInteger lostTasks = new AtomicInteger();
      try (SparkRunner spark = new SparkRunner(params)) {
        SparkContext.getOrCreate()
            .addSparkListener(
                new SparkListener() {
                  @Override
                  public void onTaskEnd(SparkListenerTaskEnd end) {
                    TaskEndReason reason = end.reason();
                    if (!(reason instanceof org.apache.spark.Success$)) {
                      lostTasks.incrementAndGet();
                    }
                  }
                });
        Thread killer =
            new Thread(
                () -> {
                  try {
                    if (someDone.await(10, TimeUnit.MINUTES)) {
                      cluster.kill9(1);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        killer.start();
        List<ExecutionResult> remote =
            spark.runAll(
                jobs,
                (i, r) -> {
                  told.incrementAndGet(i);
                  someDone.countDown();
                });
        killer.join();
        assertEquals(jobs.size(), remote.size());
        for (int i = 0; i < jobs.size(); i++) {
          assertEquals(1, told.get(i), "job " + i + " told once");
          assertEquals(local.get(i).outcome(), remote.get(i).outcome(), jobs.get(i).id());
          assertEquals(local.get(i).tests(), remote.get(i).tests(), jobs.get(i).id());
        }
      }
      // The kill hit running tasks (else the test proved nothing), which Spark ran again.
      assertTrue(lostTasks.get() >= 1, "no task was lost: the worker died between tasks");
    }
  }

  @Test
  void aClusterWithoutWorkersIsAOneLineErrorNotAHang(@TempDir Path dir) throws Exception {
    try (StandaloneCluster cluster = new StandaloneCluster(dir, 0, 1)) {
      SparkParams params =
          new SparkParams(
              cluster.masterUrl(),
              new Wire().spec(INNER),
              null,
              30.0,
              5.0,
              Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1"));
      List<ExecutionJob> jobs = MbppJobs.first(LocalSpark.resolver(), 2);
      try (SparkRunner spark = new SparkRunner(params)) {
        IllegalStateException e =
            assertTimeoutPreemptively(
                Duration.ofSeconds(90),
                () ->
                    assertThrows(
                        IllegalStateException.class,
                        () -> spark.runAll(jobs, ProgramRunner.RunListener.NONE)));
        assertTrue(
            e.getMessage().contains("no executor on master " + cluster.masterUrl()),
            e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
      }
    }
  }
}
