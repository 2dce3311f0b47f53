package dev.coderl4j.spark;

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
 * @param executorTimeoutSeconds how long a job may wait with no live executor before it fails
 *     (a cluster without workers, or one whose workers all died), instead of waiting for ever
 * @param conf more Spark settings, e.g. {@code {"spark.executor.memory": "4g"}}; they win over ours
 */
public record SparkParams(
    String master,
    PluginSpec runner,
    Integer jobsPerTask,
    Double connectTimeoutSeconds,
    Double executorTimeoutSeconds,
    Map<String, String> conf) {

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
              + connectTimeoutSeconds + " and " + executorTimeoutSeconds);
    }
    conf = Map.copyOf(Objects.requireNonNullElse(conf, Map.of()));
  }

  /** The defaults: master from spark-submit (else local[*]), graalpy inside. */
  public static SparkParams defaults() {
    return new SparkParams(null, null, null, null, null, null);
  }

  /** These params with another master. */
  public SparkParams withMaster(String m) {
    return new SparkParams(m, runner, jobsPerTask, connectTimeoutSeconds, executorTimeoutSeconds,
        conf);
  }

  /** These params with another inner runner. */
  public SparkParams withRunner(PluginSpec r) {
    return new SparkParams(master, r, jobsPerTask, connectTimeoutSeconds, executorTimeoutSeconds,
        conf);
  }
}
