package dev.coderl4j.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.JobLines;
import dev.coderl4j.core.plugin.PluginSpec;
import java.io.Serializable;
import java.util.Objects;

/**
 * What travels between the driver and the executors: jobs as {@code coderl exec} job lines (core's
 * {@link JobLines}), results as JSON bound to core's records, the inner runner as its spec.
 *
 * <p>Core's records are not {@link Serializable} and should not be (Java serialisation is a Spark
 * concern), so they cross as text. A result line of {@code coderl exec} keeps only the outcome's
 * label; here the whole record crosses (the outcome's message and test index, the detail, the
 * backend), so a result from the cluster equals the inner runner's own.
 */
final class Wire {
  private final JobLines lines = new JobLines();
  // Outcomes and test results cross in core's one codec (OutcomeCodec, through their own
  // annotations), which keeps the compile or runtime message and the test index.
  private final ObjectMapper mapper =
      new ObjectMapper()
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * One job on its way to an executor.
   *
   * @param index the job's position in the caller's list
   * @param stopAtFirstFailure the job's flag, which a job line does not carry
   * @param line the job as a {@code coderl exec} job line
   */
  record Job(int index, boolean stopAtFirstFailure, String line) implements Serializable {
    private static final long serialVersionUID = 1L;

    Job {
      Objects.requireNonNull(line, "line");
    }
  }

  /**
   * One result on its way back.
   *
   * @param index the job's position in the caller's list
   * @param json the {@link ExecutionResult} as JSON
   */
  record Result(int index, String json) implements Serializable {
    private static final long serialVersionUID = 1L;

    Result {
      Objects.requireNonNull(json, "json");
    }
  }

  Job job(int index, ExecutionJob job) {
    return new Job(index, job.stopAtFirstFailure(), lines.jobLine(job));
  }

  ExecutionJob job(Job wire) {
    return switch (lines.parse(wire.line(), wire.index() + 1)) {
      case JobLines.Parsed.Job j ->
          new ExecutionJob(
              j.job().id(), j.job().program(), j.job().tests(), wire.stopAtFirstFailure());
      case JobLines.Parsed.Malformed m ->
          // The driver wrote the line from a valid job: a failure here is a codec bug.
          throw new IllegalStateException(
              "job " + m.id() + " did not survive the wire: " + m.reason());
    };
  }

  Result result(int index, ExecutionResult result) {
    return new Result(index, write(result));
  }

  ExecutionResult result(Result wire) {
    return read(wire.json(), ExecutionResult.class);
  }

  String spec(PluginSpec spec) {
    return write(spec);
  }

  PluginSpec spec(String json) {
    return read(json, PluginSpec.class);
  }

  private String write(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  private <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot read " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
