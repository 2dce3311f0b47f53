package dev.coderl4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PassAtKProperties {

  private static int in(int r, int lo, int hi) {
    return lo + Math.floorMod(r, hi - lo + 1);
  }

  @Property
  void withinUnitInterval(
      @ForAll @IntRange(min = 1, max = 2000) int n, @ForAll int rc, @ForAll int rk) {
    int c = in(rc, 0, n);
    int k = in(rk, 1, n);
    double p = PassAtK.estimate(n, c, k);
    assertTrue(p >= 0.0 && p <= 1.0, () -> "pass@k = " + p);
  }

  @Property
  void nonDecreasingInK(
      @ForAll @IntRange(min = 2, max = 1000) int n, @ForAll int rc, @ForAll int rk) {
    int c = in(rc, 0, n);
    int k = in(rk, 1, n - 1);
    assertTrue(PassAtK.estimate(n, c, k) <= PassAtK.estimate(n, c, k + 1) + 1e-15);
  }

  @Property
  void nonDecreasingInC(
      @ForAll @IntRange(min = 1, max = 1000) int n, @ForAll int rc, @ForAll int rk) {
    int c = in(rc, 0, n - 1);
    int k = in(rk, 1, n);
    assertTrue(PassAtK.estimate(n, c, k) <= PassAtK.estimate(n, c + 1, k) + 1e-15);
  }

  @Property
  void passAt1IsTheFractionCorrect(@ForAll @IntRange(min = 1, max = 5000) int n, @ForAll int rc) {
    int c = in(rc, 0, n);
    assertEquals((double) c / n, PassAtK.estimate(n, c, 1), 1e-12);
  }

  @Property
  void equalsTheBinomialDefinition(
      @ForAll @IntRange(min = 1, max = 200) int n, @ForAll int rc, @ForAll int rk) {
    int c = in(rc, 0, n);
    int k = in(rk, 1, n);
    BigDecimal ratio =
        new BigDecimal(choose(n - c, k))
            .divide(new BigDecimal(choose(n, k)), MathContext.DECIMAL128);
    double exact = BigDecimal.ONE.subtract(ratio).doubleValue();
    assertEquals(exact, PassAtK.estimate(n, c, k), 1e-12);
  }

  static BigInteger choose(int n, int k) {
    if (k < 0 || k > n) {
      return BigInteger.ZERO;
    }
    BigInteger r = BigInteger.ONE;
    for (int i = 1; i <= k; i++) {
      r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
    }
    return r;
  }
}
