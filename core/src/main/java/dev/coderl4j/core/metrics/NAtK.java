package dev.coderl4j.core.metrics;

/**
 * n@k with example-test filtering (Li et al., 2022, AlphaCode; CodeRL §4): of {@code k} samples,
 * submit up to {@code n} of those that pass the example tests, and count the problem solved when a
 * submission passes the hidden tests.
 *
 * <p>The estimate is the exact expectation over a uniformly random draw of {@code k} of the {@code
 * total} samples and a uniformly random choice of the submitted ones among the filtered samples
 * drawn, so it is unbiased in the same sense as {@link PassAtK}. With {@code j} filtered samples in
 * the draw (hypergeometric), {@code m = min(n, j)} are submitted and the problem is unsolved with
 * probability {@code C(F-C, m) / C(F, m)}. Samples that pass the hidden tests but fail the example
 * tests are filtered out and never submitted.
 */
public final class NAtK {
  private NAtK() {}

  /**
   * The expected solve rate of one problem.
   *
   * @param total samples generated for the problem (N)
   * @param filtered samples that pass the example tests (F)
   * @param filteredCorrect samples that pass both the example and the hidden tests (C)
   * @param n submissions allowed
   * @param k samples drawn
   */
  public static double estimate(int total, int filtered, int filteredCorrect, int n, int k) {
    if (total < 1
        || filtered < 0
        || filtered > total
        || filteredCorrect < 0
        || filteredCorrect > filtered) {
      throw new IllegalArgumentException(
          "n@k needs 0 <= filteredCorrect <= filtered <= total and total >= 1, got total="
              + total
              + ", filtered="
              + filtered
              + ", filteredCorrect="
              + filteredCorrect);
    }
    if (k < 1 || k > total) {
      throw new IllegalArgumentException(
          n + "@" + k + " needs 1 <= k <= total samples (" + total + "); choose a smaller k");
    }
    if (n < 1) {
      throw new IllegalArgumentException("n@k needs n >= 1 submissions, got n=" + n);
    }
    if (filteredCorrect == 0) {
      return 0.0;
    }
    int jMin = Math.max(0, k - (total - filtered));
    int jMax = Math.min(k, filtered);
    // Hypergeometric pmf of j filtered samples among the k drawn, kept in log space (its terms
    // far from the mode underflow a double when N is in the thousands) and advanced by the ratio
    // p(j+1)/p(j).
    double logP =
        logChoose(filtered, jMin) + logChoose(total - filtered, k - jMin) - logChoose(total, k);
    double solved = 0.0;
    for (int j = jMin; j <= jMax; j++) {
      int m = Math.min(n, j);
      solved += Math.exp(logP) * (1.0 - noneCorrect(filtered, filteredCorrect, m));
      if (j < jMax) {
        logP +=
            Math.log((double) (filtered - j) * (k - j))
                - Math.log((double) (j + 1) * (total - filtered - k + j + 1));
      }
    }
    return Math.min(1.0, Math.max(0.0, solved));
  }

  /**
   * C(F-C, m) / C(F, m): m submissions drawn from F filtered samples all miss the C correct ones.
   */
  private static double noneCorrect(int filtered, int correct, int m) {
    if (filtered - correct < m) {
      return 0.0;
    }
    double prod = 1.0;
    for (int i = 0; i < m; i++) {
      prod *= (double) (filtered - correct - i) / (filtered - i);
    }
    return prod;
  }

  private static double logChoose(int n, int k) {
    double s = 0.0;
    int kk = Math.min(k, n - k);
    for (int i = 1; i <= kk; i++) {
      s += Math.log((double) (n - kk + i) / i);
    }
    return s;
  }
}
