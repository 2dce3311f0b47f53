package dev.coderl4j.core.critic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Max-pooling, token values and the outcome distribution of the critic head (§3.3). */
class CriticHeadProperties {
  private static final int H = 5;

  @Provide
  Arbitrary<float[][]> states() {
    return Arbitraries.floats()
        .between(-3, 3)
        .array(float[].class)
        .ofSize(H)
        .array(float[][].class)
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Provide
  Arbitrary<float[][]> weights() {
    return Arbitraries.floats()
        .between(-1, 1)
        .array(float[].class)
        .ofSize(H)
        .array(float[][].class)
        .ofSize(4);
  }

  private static CriticHead head(float[][] w) {
    return CriticHead.of(w, new float[] {0.1f, -0.2f, 0.3f, 0f});
  }

  @Property
  void everyTokenValueAndTheOutcomeAreDistributions(
      @ForAll("states") float[][] h, @ForAll("weights") float[][] w) {
    CriticPrediction p = head(w).predict(h);
    assertEquals(h.length, p.tokenValues().rows());
    assertEquals(1.0, p.outcome().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    for (int t = 0; t < h.length; t++) {
      double s = 0;
      for (float v : p.tokenValues().row(t)) {
        assertTrue(v >= 0 && v <= 1);
        s += v;
      }
      assertEquals(1.0, s, 1e-5);
    }
  }

  @Property
  void poolingIsTheElementWiseMaximumAndIgnoresTokenOrder(@ForAll("states") float[][] h) {
    float[] pooled = CriticHead.maxPool(h);
    for (int j = 0; j < H; j++) {
      float max = Float.NEGATIVE_INFINITY;
      for (float[] row : h) {
        max = Math.max(max, row[j]);
      }
      assertEquals(max, pooled[j]);
    }
    float[][] reversed = new float[h.length][];
    for (int t = 0; t < h.length; t++) {
      reversed[t] = h[h.length - 1 - t];
    }
    assertArrayEquals(pooled, CriticHead.maxPool(reversed));
  }

  @Property
  void theOutcomeIsTheTokenValueOfThePooledState(
      @ForAll("states") float[][] h, @ForAll("weights") float[][] w) {
    CriticHead head = head(w);
    CriticPrediction whole = head.predict(h);
    CriticPrediction pooledOnly = head.predict(new float[][] {CriticHead.maxPool(h)});
    for (int c = 0; c < 4; c++) {
      assertEquals(whole.outcome().get(c), pooledOnly.tokenValues().get(0, c), 1e-6);
    }
  }

  @Property
  void aTokenValueDependsOnlyOnItsOwnState(
      @ForAll("states") float[][] h, @ForAll("weights") float[][] w) {
    CriticHead head = head(w);
    CriticPrediction whole = head.predict(h);
    int t = h.length - 1;
    CriticPrediction alone = head.predict(new float[][] {h[t]});
    assertArrayEquals(alone.tokenValues().row(0), whole.tokenValues().row(t), 1e-6f);
  }

  @Test
  void handComputedExample() {
    // Two classes, hidden 2: W = [[1, 0], [0, 1]], b = 0; states (0, 2) and (1, 0).
    CriticHead head = CriticHead.of(new float[][] {{1, 0}, {0, 1}}, new float[] {0, 0});
    CriticPrediction p = head.predict(new float[][] {{0, 2}, {1, 0}});
    // Pooled (1, 2): softmax(1, 2) = (0.2689, 0.7311).
    assertEquals(0.268941, p.outcome().get(0), 1e-6);
    assertEquals(0.731059, p.outcome().get(1), 1e-6);
    // Token 0: softmax(0, 2) = (0.1192, 0.8808); token 1: softmax(1, 0) = (0.7311, 0.2689).
    assertEquals(0.880797, p.tokenValues().get(0, 1), 1e-6);
    assertEquals(0.731059, p.tokenValues().get(1, 0), 1e-6);
    assertEquals(1, p.predictedIndex());
    assertArrayEquals(new double[] {0.880797, 0.268941}, p.tokenValues(1), 1e-6);
  }
}
