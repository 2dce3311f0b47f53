package dev.coderl4j.core.benchmark;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionLimits;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A set of problems to train or evaluate on: APPS, MBPP, HumanEval (§4).
 *
 * <p>Named plugins ({@code apps}, {@code mbpp}, {@code mbpp-sanitized}, {@code humaneval}); their
 * params choose the data (a bundled copy by default) and the benchmark's own special cases. A
 * benchmark owns how its tests are run (e.g. APPS' {@code apps-compatible} output comparison), so
 * task-specific checks never leak into the runner.
 */
public interface Benchmark {

  /** The short name problems carry in {@link Problem#benchmark()}, e.g. {@code "apps"}. */
  String name();

  /** Every problem, in the benchmark's order. */
  List<Problem> problems();

  /**
   * The id of the problem a samples file means by {@code taskId} (e.g. MBPP's {@code 11}, {@code
   * "11"} and {@code "Mbpp/11"} all name {@code "mbpp/11"}).
   *
   * @throws IllegalArgumentException when {@code taskId} has no recognisable form; the message
   *     shows the accepted forms
   */
  String problemId(String taskId);

  /** The prompt format used when none is named (the paper's, for this benchmark). */
  String defaultPromptFormat();

  /**
   * The job that runs {@code program} against {@code tests} (the problem's example or hidden
   * tests). The default runs the tests as they are.
   */
  default ExecutionJob job(String jobId, Problem problem, String program, TestSuite tests) {
    return new ExecutionJob(jobId, program, tests);
  }

  /**
   * Reads the runner's result of a {@link #job} as this benchmark's result; the default keeps it.
   */
  default ExecutionResult interpret(ExecutionResult result) {
    return result;
  }

  /**
   * Named parts of a problem's hidden tests whose pass@k is reported beside the whole suite's.
   *
   * <p>Each group is the first {@code n} hidden tests; a sample passes it when all of them pass.
   * EvalPlus reports pass@k on its base inputs (the original asserts) beside base + plus (Liu et
   * al. 2023), so its benchmarks put the base inputs first and name them {@code base}. The default
   * has no groups.
   */
  default Map<String, Integer> hiddenTestGroups(Problem problem) {
    return Map.of();
  }

  /**
   * Whether every problem is scored, a problem without samples counting as failed (EvalPlus' rule),
   * instead of scoring only the problems a samples file names (the default).
   */
  default boolean scoresEveryProblem() {
    return false;
  }

  /**
   * The runner limits this benchmark's rules call for, applied by {@code coderl evaluate} where the
   * user sets none (EvalPlus: 4 GiB, a per-test limit from the reference's measured time); empty
   * for the runner's own defaults.
   */
  default Optional<ExecutionLimits> limits() {
    return Optional.empty();
  }
}
