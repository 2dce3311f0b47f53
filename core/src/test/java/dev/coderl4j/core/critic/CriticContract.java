package dev.coderl4j.core.critic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What every {@link Critic} plugin must do (§3.3, Eq. 9): honour the {@code labels} param, give a
 * distribution over its classes for each program and for each of its tokens, predict a pair the
 * same alone or in a batch and without changing, learn from a step, and reopen a saved checkpoint
 * through its factory with the same predictions and label set. Implemented by each critic plugin's
 * test.
 */
public interface CriticContract {

  /** A fresh critic of the plugin with its {@code labels} param set (the caller closes it). */
  Critic critic(LabelSet labels);

  /** Reopens what a critic of the plugin saved to {@code checkpoint}, through its factory. */
  Critic reopen(Path checkpoint);

  @Provide
  default Arbitrary<List<TokenPair>> batches() {
    Arbitrary<Tokens> ids =
        Arbitraries.integers()
            .between(1, 30)
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .map(l -> Tokens.of(l.stream().mapToInt(Integer::intValue).toArray()));
    return Combinators.combine(ids, ids).as(TokenPair::new).list().ofMinSize(1).ofMaxSize(3);
  }

  @Property(tries = 3)
  default void predictionsAreDistributionsOverTheLabelSet(
      @ForAll("batches") List<TokenPair> batch, @ForAll LabelSet labels) {
    try (Critic c = critic(labels)) {
      assertEquals(labels, c.labels());
      List<CriticPrediction> preds = c.predict(batch);
      assertEquals(batch.size(), preds.size());
      for (int i = 0; i < batch.size(); i++) {
        CriticPrediction p = preds.get(i);
        assertEquals(labels.size(), p.outcome().size());
        assertEquals(1.0, p.outcome().stream().mapToDouble(Double::doubleValue).sum(), 1e-4);
        assertEquals(batch.get(i).target().size(), p.tokenValues().rows());
        for (int t = 0; t < p.tokenValues().rows(); t++) {
          double s = 0;
          for (float v : p.tokenValues().row(t)) {
            assertTrue(v >= 0 && v <= 1 + 1e-6, "value " + v);
            s += v;
          }
          assertEquals(1.0, s, 1e-4, "token " + t);
        }
      }
    }
  }

  @Property(tries = 2)
  default void aPairPredictsTheSameAloneInABatchAndTwice(@ForAll("batches") List<TokenPair> batch) {
    try (Critic c = critic(LabelSet.FOUR_CLASS)) {
      List<CriticPrediction> first = c.predict(batch);
      List<CriticPrediction> again = c.predict(batch);
      for (int i = 0; i < batch.size(); i++) {
        CriticPrediction alone = c.predict(List.of(batch.get(i))).get(0);
        for (int k = 0; k < alone.outcome().size(); k++) {
          assertEquals(alone.outcome().get(k), first.get(i).outcome().get(k), 1e-4);
          assertEquals(first.get(i).outcome().get(k), again.get(i).outcome().get(k), 1e-6);
        }
      }
    }
  }

  @Example
  default void aStepLowersTheLossOfItsBatch() {
    List<LabelledSample> batch =
        List.of(
            new LabelledSample(
                new TokenPair(Tokens.of(3, 4, 5), Tokens.of(6, 7)), OutcomeClass.PASSED),
            new LabelledSample(
                new TokenPair(Tokens.of(3, 4), Tokens.of(8, 9, 10)), OutcomeClass.COMPILE_ERROR));
    try (Critic c = critic(LabelSet.FOUR_CLASS)) {
      double before = c.accumulateGradients(batch, 1.0);
      c.step();
      double after = c.accumulateGradients(batch, 1.0);
      assertTrue(after < before, "loss " + before + " -> " + after);
    }
  }

  @Example
  default void aReopenedCheckpointPredictsAsTheSavedCritic() throws IOException {
    List<TokenPair> pairs = List.of(new TokenPair(Tokens.of(3, 4, 5), Tokens.of(6, 7, 8)));
    for (LabelSet labels : LabelSet.values()) {
      Path dir = Files.createTempDirectory("critic-contract");
      try (Critic c = critic(labels)) {
        c.accumulateGradients(List.of(new LabelledSample(pairs.get(0), OutcomeClass.PASSED)), 1.0);
        c.step();
        c.save(dir.resolve("ckpt"));
        CriticPrediction want = c.predict(pairs).get(0);
        try (Critic again = reopen(dir.resolve("ckpt"))) {
          assertEquals(labels, again.labels());
          CriticPrediction got = again.predict(pairs).get(0);
          for (int k = 0; k < want.outcome().size(); k++) {
            assertEquals(want.outcome().get(k), got.outcome().get(k), 1e-5);
          }
        }
      } finally {
        dev.coderl4j.core.lm.ActorContract.delete(dir);
      }
    }
  }
}
