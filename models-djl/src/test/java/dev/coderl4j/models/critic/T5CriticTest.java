package dev.coderl4j.models.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.critic.CriticHead;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.LabelledSample;
import dev.coderl4j.core.critic.OutcomeClass;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DJL critic on the embedded CodeT5 against the reference head, and its training. */
class T5CriticTest {
  static final String MODEL = "../models/codet5-small-ntp-py";

  static T5CriticParams params(LabelSet labels, double lr) {
    return new T5CriticParams(MODEL, labels, lr, 0.0, 1.0, 64, 64, 2, 7L);
  }

  private static final List<TokenPair> PAIRS =
      List.of(
          new TokenPair(Tokens.of(10, 11, 12, 2), Tokens.of(20, 21, 22, 23, 2)),
          new TokenPair(Tokens.of(13, 14, 2), Tokens.of(30, 31)),
          new TokenPair(Tokens.of(15, 2), Tokens.of(40, 41, 42)));

  @Test
  void predictionsAreTheReferenceHeadOnTheDecoderStates() {
    try (T5Critic critic = T5Critic.open(params(LabelSet.FOUR_CLASS, 1e-4))) {
      List<CriticPrediction> preds = critic.predict(PAIRS);
      List<float[][]> states = critic.hiddenStates(PAIRS);
      CriticHead head = critic.head();
      for (int i = 0; i < PAIRS.size(); i++) {
        CriticPrediction ref = head.predict(states.get(i));
        CriticPrediction got = preds.get(i);
        assertEquals(PAIRS.get(i).target().size(), got.tokenValues().rows());
        for (int c = 0; c < 4; c++) {
          assertEquals(ref.outcome().get(c), got.outcome().get(c), 1e-4, "outcome " + i + "/" + c);
          for (int t = 0; t < got.tokenValues().rows(); t++) {
            assertEquals(ref.tokenValues().get(t, c), got.tokenValues().get(t, c), 1e-4);
          }
        }
      }
    }
  }

  @Test
  void aBatchPredictsAsItsRowsAloneAndTokenValuesSeeOnlyThePrefix() {
    try (T5Critic critic = T5Critic.open(params(LabelSet.BINARY, 1e-4))) {
      List<CriticPrediction> batch = critic.predict(PAIRS);
      for (int i = 0; i < PAIRS.size(); i++) {
        CriticPrediction alone = critic.predict(List.of(PAIRS.get(i))).get(0);
        assertEquals(alone.outcome().get(1), batch.get(i).outcome().get(1), 1e-4);
      }
      // v̂_t depends on w_1..t only: a longer program has the same values on the shared prefix.
      TokenPair longer =
          new TokenPair(PAIRS.get(0).source(), PAIRS.get(0).target().concat(Tokens.of(50, 51)));
      CriticPrediction a = critic.predict(List.of(PAIRS.get(0))).get(0);
      CriticPrediction b = critic.predict(List.of(longer)).get(0);
      for (int t = 0; t < a.tokenValues().rows(); t++) {
        assertEquals(a.tokenValues().get(t, 1), b.tokenValues().get(t, 1), 1e-4, "token " + t);
      }
    }
  }

  @Test
  void trainingFitsASmallSetAndSurvivesSaveAndLoad(@TempDir Path tmp) {
    List<LabelledSample> data = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // Programs starting with 100 pass; those starting with 200 fail.
      data.add(
          new LabelledSample(
              new TokenPair(Tokens.of(5, 6, 2), Tokens.of(100, 101 + i, 2)), OutcomeClass.PASSED));
      data.add(
          new LabelledSample(
              new TokenPair(Tokens.of(5, 6, 2), Tokens.of(200, 201 + i, 2)),
              OutcomeClass.FAILED_TEST));
    }
    try (T5Critic critic = T5Critic.open(params(LabelSet.BINARY, 1e-3))) {
      double first = critic.accumulateGradients(data, 1.0 / data.size());
      critic.step();
      double last = first;
      for (int s = 0; s < 15; s++) {
        last = critic.accumulateGradients(data, 1.0 / data.size());
        critic.step();
      }
      assertTrue(last < first * 0.5, "loss " + first + " -> " + last);
      List<CriticPrediction> before =
          critic.predict(data.stream().map(LabelledSample::pair).toList());
      assertTrue(before.get(0).outcome().get(1) > 0.5 && before.get(1).outcome().get(1) < 0.5);
      critic.save(tmp);
      try (T5Critic loaded =
          T5Critic.open(params(LabelSet.BINARY, 1e-3).with(tmp.toString(), LabelSet.BINARY))) {
        List<CriticPrediction> after =
            loaded.predict(data.stream().map(LabelledSample::pair).toList());
        for (int i = 0; i < data.size(); i++) {
          assertEquals(before.get(i).outcome().get(1), after.get(i).outcome().get(1), 1e-5);
        }
      }
    }
  }

  @Test
  void aBatchOfNTrainsAsNBatchesOfOne() {
    List<LabelledSample> data =
        List.of(
            new LabelledSample(PAIRS.get(0), OutcomeClass.PASSED),
            new LabelledSample(PAIRS.get(1), OutcomeClass.COMPILE_ERROR),
            new LabelledSample(PAIRS.get(2), OutcomeClass.RUNTIME_ERROR));
    try (T5Critic whole = T5Critic.open(params(LabelSet.FOUR_CLASS, 1e-3));
        T5Critic split = T5Critic.open(params(LabelSet.FOUR_CLASS, 1e-3))) {
      double a = whole.accumulateGradients(data, 1.0 / 3);
      double b = 0;
      for (LabelledSample s : data) {
        b += split.accumulateGradients(List.of(s), 1.0 / 3);
      }
      assertEquals(a, b, 1e-5);
      var sa = whole.step();
      var sb = split.step();
      assertEquals(sa.gradNorm(), sb.gradNorm(), 1e-4 * sa.gradNorm());
      CriticPrediction pa = whole.predict(List.of(PAIRS.get(0))).get(0);
      CriticPrediction pb = split.predict(List.of(PAIRS.get(0))).get(0);
      for (int c = 0; c < 4; c++) {
        assertEquals(pa.outcome().get(c), pb.outcome().get(c), 1e-4);
      }
    }
  }
}
