package dev.coderl4j.core.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CriticEvaluationTest {
  private static CriticPrediction binary(double pass) {
    return new CriticPrediction(
        List.of(1 - pass, pass),
        ValueMatrix.of(new float[][] {{(float) (1 - pass), (float) pass}}, 2));
  }

  @Test
  void accuracyConfusionAndCalibrationOfAHandMadeSet() {
    List<OutcomeClass> truth =
        List.of(
            OutcomeClass.PASSED,
            OutcomeClass.PASSED,
            OutcomeClass.FAILED_TEST,
            OutcomeClass.COMPILE_ERROR);
    // Predictions: pass 0.9 (right), pass 0.3 (wrong: says fail 0.7), pass 0.2 (right: fail 0.8),
    // pass 0.65 (wrong; a compile error counts as FailedTest for the binary critic).
    List<CriticPrediction> preds = List.of(binary(0.9), binary(0.3), binary(0.2), binary(0.65));
    CriticEvaluation e = CriticEvaluation.of(LabelSet.BINARY, truth, preds, 10);
    assertEquals(4, e.count());
    assertEquals(0.5, e.accuracy(), 1e-12);
    assertEquals(List.of(List.of(1, 1), List.of(1, 1)), e.confusion());
    assertEquals(0.5, e.majorityAccuracy(), 1e-12);
    // Bins: 0.9 → [0.9,1) right; 0.7 → [0.7,0.8) wrong; 0.8 → [0.8,0.9) right; 0.65 → [0.6,0.7)
    // wrong.
    double ece =
        0.25 * (Math.abs(0.9 - 1) + Math.abs(0.7 - 0) + Math.abs(0.8 - 1) + Math.abs(0.65 - 0));
    assertEquals(ece, e.expectedCalibrationError(), 1e-6);
    assertEquals(1, e.bins().get(9).count());
  }

  @Test
  void fourClassIndicesFollowThePapersOrder() {
    assertEquals(
        List.of(0, 1, 2, 3),
        List.of(OutcomeClass.values()).stream().map(LabelSet.FOUR_CLASS::index).toList());
    assertEquals(
        List.of(0, 0, 0, 1),
        List.of(OutcomeClass.values()).stream().map(LabelSet.BINARY::index).toList());
  }
}
