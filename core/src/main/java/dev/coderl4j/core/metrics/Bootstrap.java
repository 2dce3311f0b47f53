package dev.coderl4j.core.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence intervals over problems (Efron and Tibshirani, 1993).
 *
 * <p>Problems are the unit of resampling because they, not samples, are the independent draws a
 * benchmark score generalises over; per-problem values (pass@k estimates) are resampled with
 * replacement and the mean recomputed. Seeded, so a summary is reproducible.
 *
 * @param resamples bootstrap resamples (1,000 is the common choice for 95% intervals)
 * @param confidence the interval's level
 * @param seed seeds the resampling
 */
public record Bootstrap(int resamples, double confidence, long seed) {

  public Bootstrap {
    if (resamples < 100) {
      throw new IllegalArgumentException(
          "resamples must be at least 100 for a percentile interval, e.g. 1000; got " + resamples);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException(
          "confidence must be in (0, 1), e.g. 0.95; got " + confidence);
    }
  }

  /** 1,000 resamples, 95%, seed 0. */
  public static Bootstrap defaults() {
    return new Bootstrap(1000, 0.95, 0L);
  }

  /** The mean of {@code values} with its interval. */
  public Estimate estimate(List<Double> values) {
    int m = values.size();
    if (m == 0) {
      throw new IllegalArgumentException("a bootstrap estimate needs at least one problem");
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    double mean = mean(v);
    double[] means = new double[resamples];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int b = 0; b < resamples; b++) {
      double s = 0;
      for (int i = 0; i < m; i++) {
        s += v[rng.nextInt(m)];
      }
      means[b] = s / m;
    }
    Arrays.sort(means);
    double alpha = (1 - confidence) / 2;
    double lo = Math.min(mean, quantile(means, alpha));
    double hi = Math.max(mean, quantile(means, 1 - alpha));
    return new Estimate(mean, lo, hi, confidence, m);
  }

  /** The plain mean, summed in a fixed order so equal inputs give equal doubles. */
  static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** Linear interpolation between order statistics (numpy's default "linear" method). */
  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    double frac = pos - lo;
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
  }
}
