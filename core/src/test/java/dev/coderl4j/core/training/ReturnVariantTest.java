package dev.coderl4j.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each return estimate of Table 2 on hand-made samples. */
class ReturnVariantTest {
  private static final double EPS = 1e-12;
  // A program that failed a test (−0.3) against a greedy baseline that did not compile (−1.0).
  private static final double R = -0.3;
  private static final double RB = -1.0;
  private static final List<Double> Q = List.of(0.9, 0.5, 0.25, 0.1);

  private static void assertWeights(List<Double> expected, List<Double> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), actual.get(i), EPS, "token " + i);
    }
  }

  @Test
  void aGivesEveryTokenTheAdvantageOverTheBaseline() {
    assertWeights(List.of(0.7, 0.7, 0.7, 0.7), ReturnVariant.A.weights(R, RB, List.of(), 4));
  }

  @Test
  void bWeightsTheAbsoluteReturnByCriticValues() {
    assertWeights(List.of(-0.27, -0.15, -0.075, -0.03), ReturnVariant.B.weights(R, RB, Q, 4));
  }

  @Test
  void cDecaysTheAdvantageLinearlyByPosition() {
    // q = 4/4, 3/4, 2/4, 1/4
    assertWeights(List.of(0.7, 0.525, 0.35, 0.175), ReturnVariant.C.weights(R, RB, List.of(), 4));
  }

  @Test
  void dWeightsTheAdvantageByCriticValues() {
    assertWeights(List.of(0.63, 0.35, 0.175, 0.07), ReturnVariant.D.weights(R, RB, Q, 4));
  }

  @Test
  void aSampleNoBetterThanTheBaselineIsPushedDown() {
    // Both passed: no signal. Sample worse than baseline: negative weights (its likelihood falls).
    assertWeights(List.of(0.0, 0.0), ReturnVariant.D.weights(1.0, 1.0, List.of(0.5, 0.5), 2));
    ReturnVariant.A.weights(-0.6, -0.3, List.of(), 3).forEach(w -> assertTrue(w < 0));
  }

  @Test
  void criticVariantsNeedOneValuePerToken() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReturnVariant.D.weights(R, RB, List.of(1.0), 2));
    assertTrue(e.getMessage().contains("variant A or C"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReturnVariant.B.weights(R, RB, List.of(), 2));
  }

  @Test
  void flagsMatchTable2() {
    assertEquals(List.of(true, false, true, true),
        List.of(ReturnVariant.A.usesBaseline(), ReturnVariant.B.usesBaseline(),
            ReturnVariant.C.usesBaseline(), ReturnVariant.D.usesBaseline()));
    assertEquals(List.of(false, true, false, true),
        List.of(ReturnVariant.A.usesCritic(), ReturnVariant.B.usesCritic(),
            ReturnVariant.C.usesCritic(), ReturnVariant.D.usesCritic()));
  }

  @Test
  void linearDecayStartsAtOneAndEndsAtOneOverT() {
    double[] q = ReturnVariant.linearDecay(5);
    assertEquals(1.0, q[0], EPS);
    assertEquals(0.2, q[4], EPS);
    for (int t = 1; t < q.length; t++) {
      assertEquals(0.2, q[t - 1] - q[t], EPS);
    }
  }
}
