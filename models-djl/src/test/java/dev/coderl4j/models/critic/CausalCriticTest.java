package dev.coderl4j.models.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticHead;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.LabelledSample;
import dev.coderl4j.core.critic.OutcomeClass;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.models.lm.ActorParams;
import dev.coderl4j.models.lm.DjlActor;
import dev.coderl4j.models.lm.LmModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder-only critic on the tiny GPT-Neo and Qwen2 fixtures: its head, its states, training.
 */
class CausalCriticTest {
  static final String GPT_NEO = "src/test/resources/fixtures/tiny-gptneo";
  static final String QWEN2 = "src/test/resources/fixtures/tiny-qwen2";

  static CausalCriticParams params(String model, LabelSet labels, double lr) {
    return new CausalCriticParams(model, labels, lr, 0.0, 1.0, 64, 64, 1, 7L);
  }

  private static final List<TokenPair> PAIRS =
      List.of(
          new TokenPair(Tokens.of(10, 11, 12, 2), Tokens.of(20, 21, 22, 23, 2)),
          new TokenPair(Tokens.of(13, 14, 2), Tokens.of(30, 31)),
          new TokenPair(Tokens.of(15, 2), Tokens.of(40, 41, 42)));

  /**
   * The outcome and token values are the reference head ({@link CriticHead}) on the states the
   * actor computes for the same backbone at the positions whose inputs are the program tokens.
   */
  @Test
  void predictionsAreTheHeadOnTheBackboneStatesOfEachProgramToken() {
    for (String model : List.of(GPT_NEO, QWEN2)) {
      try (CausalCritic critic = CausalCritic.open(params(model, LabelSet.FOUR_CLASS, 1e-4));
          DjlActor actor = DjlActor.load(ActorParams.of(model))) {
        List<CriticPrediction> preds = critic.predict(PAIRS);
        CriticHead head = critic.head();
        for (int i = 0; i < PAIRS.size(); i++) {
          TokenPair p = PAIRS.get(i);
          // The actor's states predict each target from the position before it: shifting the
          // program by one token gives the states at the positions of w_1..w_T.
          int[] w = p.target().toArray();
          int[] next = new int[w.length];
          System.arraycopy(w, 1, next, 0, w.length - 1);
          next[w.length - 1] = 99;
          TokenPair shifted = new TokenPair(p.source().concat(Tokens.of(w[0])), Tokens.of(next));
          CriticPrediction ref = head.predict(actor.hiddenStates(List.of(shifted)).get(0));
          CriticPrediction got = preds.get(i);
          assertEquals(w.length, got.tokenValues().rows());
          for (int c = 0; c < 4; c++) {
            assertEquals(ref.outcome().get(c), got.outcome().get(c), 1e-4, model + " outcome " + i);
            for (int t = 0; t < w.length; t++) {
              assertEquals(
                  ref.tokenValues().get(t, c),
                  got.tokenValues().get(t, c),
                  1e-4,
                  model + " value " + i + "/" + t);
            }
          }
        }
      }
    }
  }

  @Test
  void aBatchPredictsAsItsRowsAloneAndTokenValuesSeeOnlyThePrefix() {
    try (CausalCritic critic = CausalCritic.open(params(GPT_NEO, LabelSet.BINARY, 1e-4))) {
      List<CriticPrediction> batch = critic.predict(PAIRS);
      for (int i = 0; i < PAIRS.size(); i++) {
        CriticPrediction alone = critic.predict(List.of(PAIRS.get(i))).get(0);
        assertEquals(alone.outcome().get(1), batch.get(i).outcome().get(1), 1e-4);
      }
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
      data.add(
          new LabelledSample(
              new TokenPair(Tokens.of(5, 6, 2), Tokens.of(100, 101 + i, 2)), OutcomeClass.PASSED));
      data.add(
          new LabelledSample(
              new TokenPair(Tokens.of(5, 6, 2), Tokens.of(200, 201 + i, 2)),
              OutcomeClass.FAILED_TEST));
    }
    try (CausalCritic critic = CausalCritic.open(params(GPT_NEO, LabelSet.BINARY, 1e-3))) {
      double first = critic.accumulateGradients(data, 1.0 / data.size());
      critic.step();
      double last = first;
      for (int s = 0; s < 15; s++) {
        last = critic.accumulateGradients(data, 1.0 / data.size());
        critic.step();
      }
      assertTrue(last < first * 0.5, "loss " + first + " -> " + last);
      List<TokenPair> pairs = data.stream().map(LabelledSample::pair).toList();
      List<CriticPrediction> before = critic.predict(pairs);
      assertTrue(before.get(0).outcome().get(1) > 0.5 && before.get(1).outcome().get(1) < 0.5);
      critic.save(tmp);
      try (CausalCritic loaded =
          CausalCritic.open(
              params(GPT_NEO, LabelSet.BINARY, 1e-3).with(tmp.toString(), LabelSet.BINARY))) {
        List<CriticPrediction> after = loaded.predict(pairs);
        for (int i = 0; i < data.size(); i++) {
          assertEquals(before.get(i).outcome().get(1), after.get(i).outcome().get(1), 1e-5);
        }
      }
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  CausalCritic.open(
                      params(GPT_NEO, LabelSet.FOUR_CLASS, 1e-3)
                          .with(tmp.toString(), LabelSet.FOUR_CLASS)));
      assertTrue(e.getMessage().contains("label set"), e.getMessage());
    }
  }

  @Test
  void aBatchOfNTrainsAsNBatchesOfOne() {
    List<LabelledSample> data =
        List.of(
            new LabelledSample(PAIRS.get(0), OutcomeClass.PASSED),
            new LabelledSample(PAIRS.get(1), OutcomeClass.COMPILE_ERROR),
            new LabelledSample(PAIRS.get(2), OutcomeClass.RUNTIME_ERROR));
    try (CausalCritic whole = CausalCritic.open(params(QWEN2, LabelSet.FOUR_CLASS, 1e-3));
        CausalCritic split = CausalCritic.open(params(QWEN2, LabelSet.FOUR_CLASS, 1e-3))) {
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

  @Test
  void refusesAnEncoderDecoderCheckpointAndAMissingOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CausalCritic.open(
                    params("src/test/resources/fixtures/tiny-t5", LabelSet.BINARY, 1e-3)));
    assertTrue(e.getMessage().contains("codet5-critic"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CausalCriticParams(null, null, null, null, null, null, null, null, null));
    assertTrue(e.getMessage().contains("checkpoint"), e.getMessage());
  }

  /** The wiring: {@code causal-critic} resolves through the registry, with the backbones. */
  @Test
  void resolvesThroughThePluginRegistry() throws Exception {
    PluginResolver resolver =
        Guice.createInjector(new CoreModule(), new LmModule(), new CriticModule())
            .getInstance(PluginResolver.class);
    assertTrue(resolver.names(Critic.class).contains(CausalCritic.NAME));
    var spec =
        new PluginSpec(
            CausalCritic.NAME,
            new ObjectMapper()
                .readTree("{\"checkpoint\": \"" + GPT_NEO + "\", \"labels\": \"BINARY\"}"));
    try (Critic critic = resolver.create(Critic.class, spec)) {
      assertInstanceOf(CausalCritic.class, critic);
      assertEquals(LabelSet.BINARY, critic.labels());
    }
  }
}
