package dev.coderl4j.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.plugin.PluginSpec;
import java.util.Map;
import java.util.Objects;

/**
 * The params of the {@code spark} runner.
 *
 * <p>The paper runs its unit tests on one machine and says nothing about a cluster, so these
 * defaults are ours: the inner runner is the project's default ({@code graalpy}), tasks are small
 * enough that results arrive often and a lost executor costs little work.
 *
 * @param master the Spark master: {@code local[2]}, {@code spark://HOST:7077}; empty takes the one
 *     {@code spark-submit --master} set ({@code spark.master}), else {@code local[*]}
 * @param runner the runner each executor runs, {@code {type, params}}; never {@code spark}
 * @param jobsPerTask jobs per Spark task (a partition): results reach the caller a task at a time,
 *     and a task is the unit Spark runs again when an executor dies
 * @param connectTimeoutSeconds how long to try to reach a {@code spark://} master before failing
 * @param executorTimeoutSeconds how long a job may wait with no live executor before it fails (a
 *     cluster without workers, or one whose workers all died), instead of waiting for ever
 * @param conf more Spark settings, e.g. {@code {"spark.executor.memory": "4g"}}; they win over ours
 * @param timeoutSeconds when set, the inner runner's {@code timeoutSeconds} (what {@code coderl
 *     exec --timeout} and {@code coderl evaluate --timeout} pass to whichever runner they run)
 * @param workers when set, the inner runner's {@code workers} per executor (0: one per core)
 */
public record SparkParams(
    String master,
    PluginSpec runner,
    Integer jobsPerTask,
    Double connectTimeoutSeconds,
    Double executorTimeoutSeconds,
    Map<String, String> conf,
    Double timeoutSeconds,
    Integer workers) {

  /** The inner runner when none is named: the project's default runner. */
  public static final String DEFAULT_RUNNER = "graalpy";

  public SparkParams {
    master = master == null ? "" : master.strip();
    runner = runner == null ? PluginSpec.of(DEFAULT_RUNNER) : runner;
    if (runner.type().equals(SparkRunner.NAME)) {
      throw new IllegalArgumentException(
          "runner: the spark runner cannot run itself on the executors; name the runner each"
              + " executor runs, e.g. {\"type\": \"graalpy\"}");
    }
    jobsPerTask = jobsPerTask == null ? 16 : jobsPerTask;
    if (jobsPerTask < 1) {
      throw new IllegalArgumentException(
          "jobsPerTask must be at least 1, got " + jobsPerTask + " (16 is the default)");
    }
    connectTimeoutSeconds = connectTimeoutSeconds == null ? 10.0 : connectTimeoutSeconds;
    executorTimeoutSeconds = executorTimeoutSeconds == null ? 120.0 : executorTimeoutSeconds;
    if (!(connectTimeoutSeconds > 0) || !(executorTimeoutSeconds > 0)) {
      throw new IllegalArgumentException(
          "connectTimeoutSeconds and executorTimeoutSeconds must be positive, got "
              + connectTimeoutSeconds
              + " and "
              + executorTimeoutSeconds);
    }
    conf = Map.copyOf(Objects.requireNonNullElse(conf, Map.of()));
    if (timeoutSeconds != null && !(timeoutSeconds > 0)) {
      throw new IllegalArgumentException(
          "timeoutSeconds must be positive, got " + timeoutSeconds + " (APPS uses 4)");
    }
    if (workers != null && workers < 0) {
      throw new IllegalArgumentException(
          "workers must be 0 (one per core) or more, got " + workers);
    }
  }

  /** A spark runner over {@code runner} on {@code master}, other params at their defaults. */
  public SparkParams(
      String master,
      PluginSpec runner,
      Integer jobsPerTask,
      Double connectTimeoutSeconds,
      Double executorTimeoutSeconds,
      Map<String, String> conf) {
    this(
        master,
        runner,
        jobsPerTask,
        connectTimeoutSeconds,
        executorTimeoutSeconds,
        conf,
        null,
        null);
  }

  /**
   * The runner each executor makes: {@link #runner} with {@link #timeoutSeconds} and {@link
   * #workers} laid over its params.
   */
  public PluginSpec innerRunner() {
    ObjectNode p = (ObjectNode) runner.params();
    if (timeoutSeconds != null) {
      p.put("timeoutSeconds", timeoutSeconds);
    }
    if (workers != null) {
      p.put("workers", workers);
    }
    return new PluginSpec(runner.type(), p);
  }

  /** The defaults: master from spark-submit (else local[*]), graalpy inside. */
  public static SparkParams defaults() {
    return new SparkParams(null, null, null, null, null, null, null, null);
  }
}
