package dev.coderl4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of n@k. Counts are drawn as a total and then scaled into range (rather than rejected),
 * so that every try checks something.
 */
class NAtKProperties {

  /** A value in [lo, hi] chosen by {@code r}. */
  private static int in(int r, int lo, int hi) {
    return lo + Math.floorMod(r, hi - lo + 1);
  }

  @Property
  void atMostPassAtK(
      @ForAll @IntRange(min = 1, max = 300) int total,
      @ForAll int r1,
      @ForAll int r2,
      @ForAll int r3,
      @ForAll int r4,
      @ForAll int r5) {
    int filtered = in(r1, 0, total);
    int fc = in(r2, 0, filtered);
    int correct = fc + in(r3, 0, total - filtered);
    int k = in(r4, 1, total);
    int n = in(r5, 1, k);
    double nk = NAtK.estimate(total, filtered, fc, n, k);
    assertTrue(nk >= 0 && nk <= 1, () -> "n@k = " + nk);
    assertTrue(nk <= PassAtK.estimate(total, correct, k) + 1e-12);
  }

  @Property
  void kAtKIsPassAtKOfTheFilteredCorrect(
      @ForAll @IntRange(min = 1, max = 400) int total,
      @ForAll int r1,
      @ForAll int r2,
      @ForAll int r3) {
    int filtered = in(r1, 0, total);
    int fc = in(r2, 0, filtered);
    int k = in(r3, 1, total);
    assertEquals(PassAtK.estimate(total, fc, k), NAtK.estimate(total, filtered, fc, k, k), 1e-9);
  }

  @Property
  void withoutFilteringItIsPassAtN(
      @ForAll @IntRange(min = 1, max = 400) int total,
      @ForAll int r1,
      @ForAll int r2,
      @ForAll int r3) {
    int correct = in(r1, 0, total);
    int k = in(r2, 1, total);
    int n = in(r3, 1, k);
    assertEquals(
        PassAtK.estimate(total, correct, n), NAtK.estimate(total, total, correct, n, k), 1e-9);
  }

  @Property
  void nonDecreasingInN(
      @ForAll @IntRange(min = 2, max = 200) int total,
      @ForAll int r1,
      @ForAll int r2,
      @ForAll int r3,
      @ForAll int r4) {
    int filtered = in(r1, 0, total);
    int fc = in(r2, 0, filtered);
    int k = in(r3, 2, total);
    int n = in(r4, 1, k - 1);
    assertTrue(
        NAtK.estimate(total, filtered, fc, n, k)
            <= NAtK.estimate(total, filtered, fc, n + 1, k) + 1e-12);
  }

  @Property
  void stableForLargePools(
      @ForAll @IntRange(min = 1000, max = 50000) int total,
      @ForAll int r1,
      @ForAll int r2,
      @ForAll int r3,
      @ForAll int r4) {
    int filtered = in(r1, 0, total);
    int fc = in(r2, 0, Math.min(filtered, 50));
    int k = in(r3, 1, total);
    int n = in(r4, 1, Math.min(k, 5));
    double nk = NAtK.estimate(total, filtered, fc, n, k);
    assertTrue(Double.isFinite(nk) && nk >= 0 && nk <= 1, () -> "n@k = " + nk);
    assertTrue(nk <= PassAtK.estimate(total, fc, k) + 1e-9);
  }

  /** Enumerates every ordering of the samples: the definition itself, for small pools. */
  @Property(tries = 300)
  void equalsExhaustiveEnumeration(
      @ForAll @IntRange(min = 1, max = 6) int total,
      @ForAll int r1,
      @ForAll int r2,
      @ForAll int r3,
      @ForAll int r4) {
    int filtered = in(r1, 0, total);
    int fc = in(r2, 0, filtered);
    int k = in(r3, 1, total);
    int n = in(r4, 1, 6);
    // Samples 0..fc-1 are filtered and correct, fc..filtered-1 filtered and wrong, the rest
    // unfiltered.
    List<int[]> perms = new ArrayList<>();
    permute(new int[total], new boolean[total], 0, perms);
    double solved = 0;
    for (int[] order : perms) {
      int submitted = 0;
      boolean ok = false;
      for (int i = 0; i < k && submitted < n; i++) {
        if (order[i] < filtered) {
          submitted++;
          ok |= order[i] < fc;
        }
      }
      solved += ok ? 1 : 0;
    }
    assertEquals(solved / perms.size(), NAtK.estimate(total, filtered, fc, n, k), 1e-12);
  }

  private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
    if (pos == cur.length) {
      out.add(cur.clone());
      return;
    }
    for (int i = 0; i < cur.length; i++) {
      if (!used[i]) {
        used[i] = true;
        cur[pos] = i;
        permute(cur, used, pos + 1, out);
        used[i] = false;
      }
    }
  }
}
