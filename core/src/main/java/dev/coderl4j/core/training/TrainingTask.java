package dev.coderl4j.core.training;

import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.problem.Problem;
import java.util.List;
import java.util.Objects;

/**
 * A problem ready for training: its prompt as source tokens and its reference solutions as target
 * tokens (each ending with the end-of-sequence id unless it was truncated).
 */
public record TrainingTask(Problem problem, Tokens source, List<Tokens> solutions) {
  public TrainingTask {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(source, "source");
    solutions = List.copyOf(Objects.requireNonNull(solutions, "solutions"));
  }

  public String id() {
    return problem.id();
  }
}
