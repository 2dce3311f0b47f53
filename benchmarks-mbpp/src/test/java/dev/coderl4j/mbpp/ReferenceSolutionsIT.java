package dev.coderl4j.mbpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.problem.Problem;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every reference solution of MBPP (full and sanitized) and HumanEval passes its hidden tests on
 * the real GraalPy runner, except the documented exceptions (see docs/benchmarks.md).
 *
 * <p>The per-test limit is raised to 20 s so that the result does not depend on the machine's load:
 * MBPP 123 takes 3.9 s in CPython 3.11 (APPS' limit is 4 s), and HumanEval 36, 75 and 147 take up
 * to 3.7 s under GraalPy before the JIT has warmed up.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceSolutionsIT {
  /**
   * The asserts compare a tuple or list built from a set with the order CPython happens to give.
   */
  static final String SET_ORDER =
      "expects CPython's set iteration order, which GraalPy does not share";

  /** Known non-passing MBPP references, with why (docs/benchmarks.md). */
  static final Map<String, String> MBPP_EXCEPTIONS =
      new TreeMap<>(
          Map.of(
              "mbpp/2",
              SET_ORDER,
              "mbpp/111",
              SET_ORDER,
              "mbpp/193",
              SET_ORDER,
              "mbpp/579",
              SET_ORDER,
              "mbpp/769",
              SET_ORDER));

  static final Map<String, String> SANITIZED_EXCEPTIONS =
      new TreeMap<>(Map.of("mbpp/579", SET_ORDER, "mbpp/769", SET_ORDER));
  static final Map<String, String> HUMANEVAL_EXCEPTIONS = new TreeMap<>(Map.of());

  private ProgramRunner runner;

  @BeforeAll
  void start() {
    runner = RealRunner.graalpy(Math.max(2, Runtime.getRuntime().availableProcessors()), 20.0);
  }

  @AfterAll
  void stop() {
    runner.close();
  }

  private void check(List<Problem> problems, Map<String, String> exceptions) {
    Map<String, ExecutionResult> failing = RealRunner.failingReferences(runner, problems);
    assertEquals(
        exceptions.keySet(), new TreeMap<>(failing).keySet(), RealRunner.describe(failing));
  }

  @Test
  void mbppFull() {
    check(MbppLoader.readFull(Bundled.open("", Bundled.MBPP), "mbpp", false), MBPP_EXCEPTIONS);
  }

  @Test
  void mbppSanitized() {
    check(
        MbppLoader.readSanitized(Bundled.open("", Bundled.SANITIZED), "sanitized"),
        SANITIZED_EXCEPTIONS);
  }

  @Test
  void humanEval() {
    check(HumanEvalLoader.read(Bundled.open("", Bundled.HUMANEVAL), "he"), HUMANEVAL_EXCEPTIONS);
  }
}
