package dev.coderl4j.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Computes pass@k and n@k over a benchmark's problems, overall and by difficulty (§4, Table 1).
 *
 * <p>Each metric is the mean over problems of the per-problem unbiased estimate, as in {@code
 * openai/human-eval}; a k larger than some problem's sample count is reported as {@link
 * AtK.NotEstimated} rather than estimated from fewer samples (EvalPlus's rule).
 *
 * @param ks the k of pass@k, e.g. 1, 5, 10, 80
 * @param ns the n of n@k, e.g. 1 and 5 (n@k is reported for n &lt;= k)
 * @param bootstrap how confidence intervals are computed
 */
public record Metrics(List<Integer> ks, List<Integer> ns, Bootstrap bootstrap) {

  public Metrics {
    ks = List.copyOf(Objects.requireNonNull(ks, "ks"));
    ns = List.copyOf(Objects.requireNonNull(ns, "ns"));
    Objects.requireNonNull(bootstrap, "bootstrap");
    if (ks.isEmpty()) {
      throw new IllegalArgumentException("ks is empty: give at least one k, e.g. 1");
    }
    for (int k : ks) {
      if (k < 1) {
        throw new IllegalArgumentException("every k must be >= 1, got " + k);
      }
    }
    for (int n : ns) {
      if (n < 1) {
        throw new IllegalArgumentException("every n of n@k must be >= 1, got " + n);
      }
    }
  }

  /** The summary over all problems. */
  public GroupMetrics overall(List<ProblemCounts> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems to summarise: the samples matched no task");
    }
    int minSamples = problems.stream().mapToInt(ProblemCounts::samples).min().orElseThrow();
    long samples = problems.stream().mapToLong(ProblemCounts::samples).sum();
    SortedMap<Integer, AtK> pass = new TreeMap<>();
    for (int k : ks) {
      pass.put(
          k,
          k > minSamples
              ? tooFew("pass@" + k, k, minSamples)
              : new AtK.Value(estimate(problems, p -> p.passAtK(k))));
    }
    Map<String, AtK> nk = new LinkedHashMap<>();
    for (int k : ks) {
      for (int n : ns) {
        if (n <= k) {
          String key = n + "@" + k;
          nk.put(
              key,
              k > minSamples
                  ? tooFew(key, k, minSamples)
                  : new AtK.Value(estimate(problems, p -> p.nAtK(n, k))));
        }
      }
    }
    return new GroupMetrics(problems.size(), samples, minSamples, pass, nk);
  }

  /** One summary per difficulty, for problems that have one, in first-seen order. */
  public Map<String, GroupMetrics> byDifficulty(List<ProblemCounts> problems) {
    Map<String, List<ProblemCounts>> groups = new LinkedHashMap<>();
    for (ProblemCounts p : problems) {
      p.difficulty().ifPresent(d -> groups.computeIfAbsent(d, x -> new ArrayList<>()).add(p));
    }
    Map<String, GroupMetrics> out = new LinkedHashMap<>();
    groups.forEach((d, ps) -> out.put(d, overall(ps)));
    return out;
  }

  private Estimate estimate(List<ProblemCounts> problems, ToDoubleFunction<ProblemCounts> metric) {
    List<Double> values = new ArrayList<>(problems.size());
    for (ProblemCounts p : problems) {
      values.add(metric.applyAsDouble(p));
    }
    return bootstrap.estimate(values);
  }

  private static AtK tooFew(String metric, int k, int minSamples) {
    return new AtK.NotEstimated(
        metric
            + " not estimated: k="
            + k
            + " exceeds the smallest number of samples of a task ("
            + minSamples
            + "); generate at least "
            + k
            + " samples for every task");
  }
}
