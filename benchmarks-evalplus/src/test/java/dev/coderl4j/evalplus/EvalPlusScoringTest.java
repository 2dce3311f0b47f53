package dev.coderl4j.evalplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.problem.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * EvalPlus' rules on real programs under the GraalPy runner: canonical solutions pass, base-only
 * solutions pass only the base group, and the special oracles and tolerances accept what EvalPlus
 * accepts (fixture subsets of HumanEval+ and MBPP+).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvalPlusScoringTest {
  private final EvalPlusBenchmark he = Fixtures.humaneval();
  private final EvalPlusBenchmark mbpp = Fixtures.mbpp();
  private ProgramRunner runner;

  @BeforeAll
  void start() {
    Fixtures.assumePython();
    runner = Runners.runner("graalpy", 2, he);
  }

  @AfterAll
  void stop() {
    runner.close();
  }

  private Problem problem(EvalPlusBenchmark b, String id) {
    return b.problems().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  private Map<String, ExecutionResult> run(
      EvalPlusBenchmark b, List<Problem> ps, List<String> programs) {
    return Runners.run(runner, b, ps, programs);
  }

  @Test
  void limitsAndGroupsAreEvalPlus() {
    assertEquals(4096, he.limits().orElseThrow().maxMemoryMb());
    Problem p = problem(he, "HumanEval/0");
    int base = he.hiddenTestGroups(p).get(EvalPlusBenchmark.BASE);
    assertTrue(base > 0 && base < p.hiddenTests().size(), "base inputs come first, then plus");
    assertTrue(he.scoresEveryProblem());
    assertEquals(5, he.problems().size());
    assertEquals(6, mbpp.problems().size());
  }

  @Test
  void canonicalSolutionsPassEverything() {
    for (EvalPlusBenchmark b : List.of(he, mbpp)) {
      List<Problem> ps = b.problems();
      var results = run(b, ps, ps.stream().map(p -> p.solutions().getFirst()).toList());
      assertEquals(
          ps.size(),
          results.values().stream().filter(ExecutionResult::passed).count(),
          Runners.failures(results));
    }
  }

  @Test
  void baseOnlySolutionsPassBaseButNotPlus() {
    List<Problem> ps = new ArrayList<>(he.problems());
    ps.removeIf(p -> p.id().equals("HumanEval/32")); // find_zero: None is never a root
    var results = run(he, ps, ps.stream().map(Weakened::baseOnly).toList());
    for (Problem p : ps) {
      ExecutionResult r = results.get(p.id());
      int base = he.hiddenTestGroups(p).get(EvalPlusBenchmark.BASE);
      assertFalse(r.passed(), p.id());
      assertTrue(r.tests().size() > base, p.id() + " stopped inside its base inputs: " + r);
      assertTrue(
          r.tests().subList(0, base).stream().allMatch(t -> t instanceof TestResult.Pass), p.id());
      assertTrue(r.tests().getLast() instanceof TestResult.Fail, "the first plus input fails");
    }
  }

  @Test
  void specialOraclesAndTolerances() {
    List<Problem> ps =
        List.of(
            problem(he, "HumanEval/32"),
            problem(he, "HumanEval/2"),
            problem(he, "HumanEval/2"),
            problem(mbpp, "Mbpp/2"),
            problem(mbpp, "Mbpp/737"));
    List<String> programs =
        List.of(
            // another root finder (bisection on a widened bracket): |poly(xs, x)| <= 1e-4 is all
            // that is asked, not the canonical root
            ps.get(0).statement()
                + "\n    lo, hi = -1.0, 1.0\n"
                + "    while poly(xs, lo) * poly(xs, hi) > 0:\n        lo, hi = lo * 2, hi * 2\n"
                + "    for _ in range(200):\n        mid = (lo + hi) / 2\n"
                + "        if poly(xs, lo) * poly(xs, mid) <= 0:\n            hi = mid\n"
                + "        else:\n            lo = mid\n    return (lo + hi) / 2\n",
            // within 1e-6 of the expected float passes ...
            ps.get(1).statement() + "\n    return number % 1.0 + 1e-8\n",
            // ... and beyond it fails
            ps.get(2).statement() + "\n    return number % 1.0 + 1e-3\n",
            // a set oracle: the same elements in another order
            "def similar_elements(a, b):\n"
                + "    return tuple(sorted(set(a) & set(b), reverse=True))\n",
            // a not-None oracle: True stands for a match object
            "import re\n"
                + "def check_str(s):\n"
                + "    return bool(re.match('^[aeiouAEIOU][A-Za-z0-9_]*', s))\n");
    List<ExecutionResult> rs = new ArrayList<>();
    for (int i = 0; i < ps.size(); i++) {
      EvalPlusBenchmark b = ps.get(i).benchmark().equals(he.name()) ? he : mbpp;
      rs.add(runner.run(b.job("t" + i, ps.get(i), programs.get(i), ps.get(i).hiddenTests())));
    }
    assertTrue(rs.get(0).passed(), "find_zero: " + rs.get(0));
    assertTrue(rs.get(1).passed(), "atol 1e-6: " + rs.get(1));
    assertEquals(new Outcome.FailedTest(0), rs.get(2).outcome());
    assertTrue(rs.get(3).passed(), "set oracle: " + rs.get(3));
    assertTrue(rs.get(4).passed(), "not-None oracle: " + rs.get(4));
  }
}
