package dev.coderl4j.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What every {@link Actor} plugin must do (§3.1, §3.3): score targets as log-probabilities, decode
 * incrementally in agreement with that scoring, expose one hidden state per target token, learn
 * from a step, and reopen a saved checkpoint through its factory with the same scores. Implemented
 * by each actor plugin's test.
 */
public interface ActorContract {

  /** The actor under test (shared; the contract never closes it). */
  Actor actor();

  /** Reopens what {@code actor().save(checkpoint)} wrote, through the plugin's factory. */
  Actor reopen(Path checkpoint);

  /** Largest token id the properties use (small vocabularies of test fixtures). */
  default int maxTokenId() {
    return Math.min(actor().info().vocabSize(), 64) - 1;
  }

  @Provide
  default Arbitrary<TokenPair> pairs() {
    Arbitrary<Tokens> ids =
        Arbitraries.integers()
            .between(1, maxTokenId())
            .list()
            .ofMinSize(1)
            .ofMaxSize(5)
            .map(l -> Tokens.of(l.stream().mapToInt(Integer::intValue).toArray()));
    return Combinators.combine(ids, ids).as(TokenPair::new);
  }

  private static double[] logSoftmax(float[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : z) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : z) {
      sum += Math.exp(v - max);
    }
    double[] out = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = z[i] - max - Math.log(sum);
    }
    return out;
  }

  @Property(tries = 8)
  default void tokenLogProbsGiveOneNonPositiveValuePerTargetToken(@ForAll("pairs") TokenPair p) {
    float[] lp = actor().tokenLogProbs(List.of(p)).get(0);
    assertEquals(p.target().size(), lp.length);
    for (float v : lp) {
      assertTrue(Float.isFinite(v) && v <= 1e-6, "log-probability " + v);
    }
  }

  @Property(tries = 6)
  default void incrementalDecodingAgreesWithScoring(@ForAll("pairs") TokenPair p) {
    float[] lp = actor().tokenLogProbs(List.of(p)).get(0);
    try (DecodingSession s = actor().startDecoding(List.of(TokenPair.prompt(p.source())))) {
      float[] logits = s.logits()[0];
      for (int t = 0; t < p.target().size(); t++) {
        assertEquals(lp[t], logSoftmax(logits)[p.target().get(t)], 1e-3, "token " + t);
        logits = s.append(new int[] {p.target().get(t)})[0];
      }
    }
  }

  @Property(tries = 6)
  default void aBatchScoresAsItsPairsAlone(
      @ForAll("pairs") TokenPair a, @ForAll("pairs") TokenPair b) {
    List<float[]> batch = actor().tokenLogProbs(List.of(a, b));
    float[] alone = actor().tokenLogProbs(List.of(b)).get(0);
    for (int t = 0; t < alone.length; t++) {
      assertEquals(alone[t], batch.get(1)[t], 1e-4, "token " + t);
    }
  }

  @Property(tries = 4)
  default void hiddenStatesHaveOneRowPerTargetTokenOfTheModelsWidth(@ForAll("pairs") TokenPair p) {
    float[][] h = actor().hiddenStates(List.of(p)).get(0);
    assertEquals(p.target().size(), h.length);
    for (float[] row : h) {
      assertEquals(actor().info().hiddenSize(), row.length);
    }
  }

  @Example
  default void theTokenizerGivesIdsInTheVocabulary() {
    Tokens ids = actor().tokenizer().encode("def add(a, b):\n    return a + b\n", true);
    assertTrue(ids.size() > 0);
    ids.stream().forEach(i -> assertTrue(i >= 0 && i < actor().info().vocabSize(), "id " + i));
  }

  @Example
  default void aStepOnASequenceLowersItsLoss() {
    TokenPair p = new TokenPair(Tokens.of(1, 2, 3), Tokens.of(3, 1, 2, 1));
    double before = -sum(actor().tokenLogProbs(List.of(p)).get(0));
    double loss =
        actor()
            .accumulateGradients(
                List.of(new WeightedSequence(p, List.of(1.0, 1.0, 1.0, 1.0))), 1.0);
    assertEquals(before, loss, 1e-3 * Math.max(1, before));
    actor().step();
    double after = -sum(actor().tokenLogProbs(List.of(p)).get(0));
    assertTrue(after < before, "loss " + before + " -> " + after);
  }

  @Example
  default void aReopenedCheckpointScoresAsTheSavedActor() throws IOException {
    Path dir = Files.createTempDirectory("actor-contract");
    try {
      actor().save(dir.resolve("ckpt"));
      TokenPair p = new TokenPair(Tokens.of(2, 3, 1), Tokens.of(1, 3, 2));
      float[] want = actor().tokenLogProbs(List.of(p)).get(0);
      try (Actor again = reopen(dir.resolve("ckpt"))) {
        float[] got = again.tokenLogProbs(List.of(p)).get(0);
        for (int t = 0; t < want.length; t++) {
          assertEquals(want[t], got[t], 1e-5, "token " + t);
        }
        assertEquals(actor().info(), again.info());
      }
    } finally {
      delete(dir);
    }
  }

  private static double sum(float[] v) {
    double s = 0;
    for (float x : v) {
      s += x;
    }
    return s;
  }

  /** Deletes a temporary folder tree. */
  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
