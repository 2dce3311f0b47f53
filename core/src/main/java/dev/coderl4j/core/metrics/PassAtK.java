package dev.coderl4j.core.metrics;

/**
 * The unbiased pass@k estimator of Chen et al. (2021): {@code 1 - C(n-c, k) / C(n, k)}.
 *
 * <p>Computed as {@code 1 - prod_{i=n-c+1..n} (1 - k/i)}, the numerically stable product that
 * {@code openai/human-eval}'s {@code estimate_pass_at_k} uses, in the same order, so that the two
 * give the same doubles; binomials of thousands of samples would overflow otherwise (§4, "pass@k").
 */
public final class PassAtK {
  private PassAtK() {}

  /**
   * The probability that at least one of {@code k} samples drawn without replacement from {@code
   * n}, of which {@code c} are correct, is correct.
   *
   * @throws IllegalArgumentException unless {@code 0 <= c <= n} and {@code 1 <= k <= n}
   */
  public static double estimate(int n, int c, int k) {
    if (n < 1 || c < 0 || c > n) {
      throw new IllegalArgumentException(
          "pass@k needs 0 <= c <= n and n >= 1, got n=" + n + ", c=" + c);
    }
    if (k < 1 || k > n) {
      throw new IllegalArgumentException(
          "pass@"
              + k
              + " needs 1 <= k <= n (the samples per problem, here "
              + n
              + "); generate more samples or choose a smaller k");
    }
    if (n - c < k) {
      return 1.0;
    }
    double prod = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      prod *= 1.0 - (double) k / i;
    }
    return 1.0 - prod;
  }
}
