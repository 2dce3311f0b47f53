package dev.coderl4j.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.models.hf.Checkpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cached sessions give the logits of recomputing everything, through appends and selects. */
class DecodingSessionTest {

  @Test
  void cachedEqualsRecomputedForEveryArchitecture() {
    for (Path dir : List.of(Fixtures.T5, Fixtures.GPT_NEO, Fixtures.GPT_J, Fixtures.QWEN2)) {
      try (DjlActor actor = DjlActor.load(ActorParams.of(dir.toString()))) {
        List<TokenPair> inputs =
            List.of(
                new TokenPair(Tokens.of(11, 12, 13, 14, 15, 16, 17), Tokens.of(40, 41)),
                new TokenPair(Tokens.of(21, 22, 23), Tokens.empty()),
                new TokenPair(Tokens.of(31, 32, 33, 34, 35), Tokens.of(50)));
        try (DecodingSession a = actor.startDecoding(inputs);
            DecodingSession b = actor.startDecodingWithoutCache(inputs)) {
          assertClose(dir, a.logits(), b.logits());
          int[][] steps = {{100, 101, 102}, {103, 104, 105}};
          for (int[] s : steps) {
            assertClose(dir, a.append(s), b.append(s));
          }
          int[] sel = {2, 0, 0};
          a.select(sel);
          b.select(sel);
          assertEquals(3, a.rows());
          assertClose(dir, a.append(new int[] {7, 8, 9}), b.append(new int[] {7, 8, 9}));
          a.select(new int[] {1});
          b.select(new int[] {1});
          assertClose(dir, a.append(new int[] {60}), b.append(new int[] {60}));
        }
      }
    }
  }

  /**
   * T5's cache starts with room for 32 positions and doubles: decoding well past that (padded rows,
   * reordered and duplicated midway, as beam search does) still gives the recomputed logits.
   */
  @Test
  void t5CacheGrowsPastItsFirstCapacity() {
    try (DjlActor actor = DjlActor.load(ActorParams.of(Fixtures.T5.toString()))) {
      List<TokenPair> inputs =
          List.of(
              new TokenPair(Tokens.of(11, 12, 13, 14, 15), Tokens.of(40, 41, 42)),
              new TokenPair(Tokens.of(21, 22), Tokens.empty()));
      try (DecodingSession a = actor.startDecoding(inputs);
          DecodingSession b = actor.startDecodingWithoutCache(inputs)) {
        for (int step = 0; step < 75; step++) {
          if (step == 30) {
            a.select(new int[] {1, 0, 1});
            b.select(new int[] {1, 0, 1});
          }
          int[] next = new int[a.rows()];
          for (int r = 0; r < next.length; r++) {
            next[r] = 100 + (7 * step + 13 * r) % 900;
          }
          assertClose(Fixtures.T5, a.append(next), b.append(next));
        }
      }
    }
  }

  /**
   * The gated feed-forward of T5 v1.1 ({@code gated-gelu}: {@code wi_0}, {@code wi_1}) through the
   * cached step gives the recomputed logits too: tiny-t5's weights with a second input projection.
   */
  @Test
  void gatedT5CachedEqualsRecomputed() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Checkpoint c = Checkpoint.open(Fixtures.T5);
      Map<String, NDArray> tensors = new java.util.HashMap<>(c.load(m, DataType.FLOAT32));
      ObjectNode json = (ObjectNode) new ObjectMapper().readTree(c.configJson());
      json.put("feed_forward_proj", "gated-gelu");
      T5Config config = (T5Config) Backbones.builtIn().parse(json.toString());
      for (String name : List.copyOf(tensors.keySet())) {
        if (name.endsWith("DenseReluDense.wi.weight")) {
          NDArray wi = tensors.remove(name);
          String prefix = name.substring(0, name.length() - "wi.weight".length());
          tensors.put(prefix + "wi_0.weight", wi);
          tensors.put(
              prefix + "wi_1.weight", m.randomNormal(0, 0.1f, wi.getShape(), DataType.FLOAT32));
        }
      }
      T5Model model = new T5Model(config, new Weights(tensors, "tiny-t5, gated"));
      List<TokenPair> inputs =
          List.of(
              new TokenPair(Tokens.of(11, 12, 13, 14), Tokens.of(40)),
              new TokenPair(Tokens.of(21, 22), Tokens.empty()));
      try (DecodingSession a = new T5DecodingSession(model, m, inputs);
          DecodingSession b = new RecomputingDecodingSession(model, m, inputs)) {
        assertClose(Fixtures.T5, a.logits(), b.logits());
        for (int step = 0; step < 5; step++) {
          int[] next = {100 + step, 200 + step};
          assertClose(Fixtures.T5, a.append(next), b.append(next));
        }
      }
    }
  }

  /** After an optimiser step, cached decoding uses the new weights, not copies of the old ones. */
  @Test
  void t5CachedDecodingFollowsATrainingStep() {
    ActorParams params =
        new ActorParams(Fixtures.T5.toString(), null, 1e-2, null, null, null, null, null, null);
    try (DjlActor actor = DjlActor.load(params)) {
      List<TokenPair> inputs = List.of(new TokenPair(Tokens.of(11, 12, 13), Tokens.of(40)));
      float[][] before;
      try (DecodingSession a = actor.startDecoding(inputs)) {
        before = a.append(new int[] {100});
      }
      actor.accumulateGradients(DjlActorTest.batch(5, 3), 1.0);
      actor.step();
      try (DecodingSession a = actor.startDecoding(inputs);
          DecodingSession b = actor.startDecodingWithoutCache(inputs)) {
        float[][] after = a.append(new int[] {100});
        assertClose(Fixtures.T5, after, b.append(new int[] {100}));
        double moved = 0;
        for (int j = 0; j < after[0].length; j++) {
          moved = Math.max(moved, Math.abs(after[0][j] - before[0][j]));
        }
        assertTrue(moved > 1e-2, "the step should move the logits, moved " + moved);
      }
    }
  }

  @Test
  void forwardWritesLogitsAndLossOfAReferenceBatch() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      LanguageModel model = Fixtures.load(m, Fixtures.GPT_J);
      Map<String, NDArray> ref = Fixtures.reference(m, Fixtures.GPT_J);
      Map<String, NDArray> out = LmForward.run(model, ref);
      LmParityTest.assertClose("logits", ref.get("logits"), out.get("logits"), 1e-4);
      assertEquals(
          Fixtures.referenceJson(Fixtures.GPT_J).get("loss").doubleValue(),
          out.get("loss").getFloat(),
          1e-5);
    }
  }

  private static void assertClose(Path dir, float[][] x, float[][] y) {
    assertEquals(x.length, y.length);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        assertTrue(
            Math.abs(x[i][j] - y[i][j]) <= 1e-4,
            dir + " row " + i + " id " + j + ": " + x[i][j] + " vs " + y[i][j]);
      }
    }
  }
}
