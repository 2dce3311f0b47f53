package dev.coderl4j.models.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.lm.WeightedSequence;
import dev.coderl4j.models.hf.Checkpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring, training and saving through the Actor SPI. */
class DjlActorTest {

  static List<WeightedSequence> batch(int seed, int n) {
    java.util.Random r = new java.util.Random(seed);
    List<WeightedSequence> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] src = IntStream.range(0, 3 + r.nextInt(9)).map(x -> 5 + r.nextInt(8000)).toArray();
      int[] tgt = IntStream.range(0, 1 + r.nextInt(12)).map(x -> 5 + r.nextInt(8000)).toArray();
      List<Double> w = new ArrayList<>();
      for (int t = 0; t < tgt.length; t++) {
        w.add(r.nextDouble() * 2 - 1);
      }
      out.add(new WeightedSequence(new TokenPair(Tokens.of(src), Tokens.of(tgt)), w));
    }
    return out;
  }

  static Map<String, float[]> grads(DjlActor actor) {
    Map<String, float[]> g = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : actor.model().parameters().entrySet()) {
      try (NDArray grad = e.getValue().getGradient()) {
        g.put(e.getKey(), grad.toFloatArray());
      }
    }
    return g;
  }

  /** TRL's invariant: one batch of N gives the gradients of N batches of one. */
  @Property(tries = 2)
  void batchOfNEqualsNBatchesOfOne(
      @ForAll @IntRange(min = 2, max = 5) int n, @ForAll @IntRange(min = 0, max = 1000) int seed) {
    for (Path dir : List.of(Fixtures.T5, Fixtures.GPT_NEO, Fixtures.GPT_J, Fixtures.QWEN2)) {
      checkInvariant(dir.toString(), batch(seed, n));
    }
  }

  private static void checkInvariant(String dir, List<WeightedSequence> b) {
    try (DjlActor actor = DjlActor.load(ActorParams.of(dir))) {
      double together = actor.accumulateGradients(b, 0.5);
      Map<String, float[]> g1 = grads(actor);
      actor.zeroGradients();
      double apart = 0;
      for (WeightedSequence s : b) {
        apart += actor.accumulateGradients(List.of(s), 0.5);
      }
      Map<String, float[]> g2 = grads(actor);
      assertEquals(together, apart, 1e-4 * Math.max(1, Math.abs(together)));
      for (String name : g1.keySet()) {
        float[] x = g1.get(name);
        float[] y = g2.get(name);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < x.length; i++) {
          diff += (x[i] - y[i]) * (double) (x[i] - y[i]);
          norm += x[i] * (double) x[i];
        }
        assertTrue(
            Math.sqrt(diff) <= 1e-4 * Math.sqrt(norm) + 1e-7,
            name + ": |batch - singles| = " + Math.sqrt(diff) + ", |batch| = " + Math.sqrt(norm));
      }
    }
  }

  @Test
  void logProbsMatchTheLossAndTrainingLowersIt() {
    checkTraining(Fixtures.T5);
  }

  /** Qwen2 (grouped-query attention, rotary, SwiGLU) trains through the actor as the others do. */
  @Test
  void qwen2LogProbsMatchTheLossAndTrainingLowersIt() {
    checkTraining(Fixtures.QWEN2);
  }

  private static void checkTraining(Path dir) {
    try (DjlActor actor = DjlActor.load(ActorParams.of(dir.toString()))) {
      List<WeightedSequence> b = batch(3, 4);
      List<TokenPair> pairs = b.stream().map(WeightedSequence::pair).toList();
      List<WeightedSequence> ce = pairs.stream().map(WeightedSequence::crossEntropy).toList();
      List<float[]> lp = actor.tokenLogProbs(pairs);
      double nll = 0;
      for (int i = 0; i < lp.size(); i++) {
        assertEquals(pairs.get(i).target().size(), lp.get(i).length);
        for (float f : lp.get(i)) {
          nll -= f;
        }
      }
      double loss = actor.accumulateGradients(ce, 1.0);
      assertEquals(nll, loss, 1e-3);
      StepStats s = actor.step();
      assertEquals(loss, s.loss(), 1e-9);
      assertTrue(s.gradNorm() > 0);
      assertEquals(pairs.stream().mapToInt(p -> p.target().size()).sum(), s.tokens());
      for (int i = 0; i < 20; i++) {
        actor.accumulateGradients(ce, 1.0);
        actor.step();
      }
      double after = actor.accumulateGradients(ce, 1.0);
      assertTrue(after < loss * 0.95, "loss went from " + loss + " to " + after);
      List<float[][]> h = actor.hiddenStates(pairs);
      assertEquals(pairs.get(0).target().size(), h.get(0).length);
      assertEquals(64, h.get(0)[0].length);
    }
  }

  @Test
  void savesAFolderThatLoadsAgain(@TempDir Path tmp) {
    checkSave(tmp.resolve("neo"), Fixtures.GPT_NEO, "transformer.wte.weight");
    checkSave(tmp.resolve("qwen2"), Fixtures.QWEN2, "model.embed_tokens.weight");
  }

  private static void checkSave(Path tmp, Path dir, String embedding) {
    try (DjlActor actor = DjlActor.load(ActorParams.of(dir.toString()))) {
      List<WeightedSequence> b = batch(5, 2);
      actor.accumulateGradients(b, 1.0);
      actor.step();
      List<TokenPair> pairs = b.stream().map(WeightedSequence::pair).toList();
      List<float[]> before = actor.tokenLogProbs(pairs);
      actor.save(tmp.resolve("saved"));
      assertTrue(Checkpoint.open(tmp.resolve("saved")).parameterNames().contains(embedding));
      try (DjlActor again = DjlActor.load(ActorParams.of(tmp.resolve("saved").toString()))) {
        List<float[]> after = again.tokenLogProbs(pairs);
        for (int i = 0; i < before.size(); i++) {
          assertArrayEquals(before.get(i), after.get(i));
        }
      }
      try (DjlActor original = DjlActor.load(ActorParams.of(dir.toString()))) {
        assertNotEquals(before.get(0)[0], original.tokenLogProbs(pairs).get(0)[0]);
      }
    }
  }
}
