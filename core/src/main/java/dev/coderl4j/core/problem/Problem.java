package dev.coderl4j.core.problem;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A programming problem: a statement, its tests, and the reference solutions if any.
 *
 * <p>Example tests (those shown in the statement, which Critic Sampling filters with, §3.3) are
 * kept apart from the hidden tests that decide the reward and pass@k (§4).
 *
 * @param id the benchmark's id, e.g. {@code "apps/0001"}, {@code "mbpp/11"}, {@code "HumanEval/0"}
 * @param benchmark the benchmark's short name, e.g. {@code "apps"}
 * @param statement the natural-language problem text (or the prompt, for HumanEval)
 * @param starterCode code the answer must start from; empty for none
 * @param difficulty APPS' {@code introductory|interview|competition}, or empty
 * @param exampleTests tests shown in the statement; may be empty
 * @param hiddenTests tests that decide correctness
 * @param solutions reference solutions (complete programs); may be empty
 * @param metadata anything else a benchmark keeps (source URL, entry point, split)
 */
public record Problem(
    String id,
    String benchmark,
    String statement,
    String starterCode,
    Optional<String> difficulty,
    TestSuite exampleTests,
    TestSuite hiddenTests,
    List<String> solutions,
    Map<String, String> metadata) {

  public Problem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(starterCode, "starterCode: use \"\" when there is none");
    Objects.requireNonNull(difficulty, "difficulty: use Optional.empty()");
    Objects.requireNonNull(exampleTests, "exampleTests");
    Objects.requireNonNull(hiddenTests, "hiddenTests");
    solutions = List.copyOf(Objects.requireNonNull(solutions, "solutions"));
    metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
  }
}
