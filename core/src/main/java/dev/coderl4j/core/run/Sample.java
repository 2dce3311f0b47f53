package dev.coderl4j.core.run;

import java.util.Objects;

/**
 * One generation to score.
 *
 * @param line the 1-based line of the samples file, which identifies the sample across resumes
 * @param taskId the task id as written in the file
 * @param problemId the benchmark's problem id it names
 * @param index the sample's position among the samples of its problem (0-based)
 * @param program the complete program to run
 * @param programSha256 a digest of the program, to detect a changed samples file on resume
 */
public record Sample(
    int line, String taskId, String problemId, int index, String program, String programSha256) {
  public Sample {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(problemId, "problemId");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(programSha256, "programSha256");
  }
}
