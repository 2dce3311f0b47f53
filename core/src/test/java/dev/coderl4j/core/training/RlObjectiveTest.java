package dev.coderl4j.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.lm.WeightedSequence;
import dev.coderl4j.core.returns.TokenReturns;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@code L = L_ce + L_rl} (Eq. 10) on a tabular actor with exact gradients. */
class RlObjectiveTest {
  private static final int V = 6;

  private static TokenPair pair(int[] src, int[] tgt) {
    return new TokenPair(Tokens.of(src), Tokens.of(tgt));
  }

  @Provide
  Arbitrary<RlExample> examples() {
    Arbitrary<int[]> seq =
        Arbitraries.integers().between(1, V - 1).array(int[].class).ofMinSize(1).ofMaxSize(5);
    Arbitrary<Double> reward = Arbitraries.of(-1.0, -0.6, -0.3, 1.0);
    return Combinators.combine(
            seq, seq, seq, reward, reward, Arbitraries.doubles().between(0.01, 1.0))
        .as(
            (src, gt, sample, r, rb, q) ->
                new RlExample(
                    pair(src, gt),
                    pair(src, sample),
                    r,
                    TokenReturns.constant((r - rb) * q, sample.length)));
  }

  @Provide
  Arbitrary<List<RlExample>> batches() {
    return examples().list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 50)
  void aBatchOfNGivesTheGradientsOfNBatchesOfOne(@ForAll("batches") List<RlExample> batch) {
    RlObjective objective = RlObjective.paper();
    TabularActor whole = new TabularActor(V, 7, 0.1);
    TabularActor split = new TabularActor(V, 7, 0.1);
    double scale = 1.0 / batch.size();
    double lossWhole = whole.accumulateGradients(objective.sequences(batch), scale);
    double lossSplit = 0;
    for (RlExample ex : batch) {
      lossSplit += split.accumulateGradients(objective.sequences(List.of(ex)), scale);
    }
    assertEquals(lossWhole, lossSplit, 1e-9);
    double[][] a = whole.gradients();
    double[][] b = split.gradients();
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], 1e-9);
    }
  }

  @Property(tries = 50)
  void withCriticValuesAtOneAndNoBaselineTheRlLossIsReinforce(
      @ForAll("examples") RlExample ex, @ForAll @IntRange(min = 0, max = 3) int rewardIndex) {
    double r = List.of(-1.0, -0.6, -0.3, 1.0).get(rewardIndex);
    // The REINFORCE return (Eq. 3): the reward itself on every token.
    RlExample unit =
        new RlExample(
            ex.groundTruth(),
            ex.sample(),
            r,
            TokenReturns.constant(r, ex.sample().target().size()));
    RlObjective rlOnly = new RlObjective(0.0, 1.0);
    TabularActor actor = new TabularActor(V, 3, 0.1);
    double loss = actor.accumulateGradients(rlOnly.sequences(List.of(unit)), 1.0);

    // REINFORCE (Eq. 3): loss −r · log p(W^s); gradient r · ∇(−log p(W^s)).
    TabularActor reference = new TabularActor(V, 3, 0.1);
    float[] lp = reference.tokenLogProbs(List.of(unit.sample())).get(0);
    double logP = 0;
    for (float x : lp) {
      logP += x;
    }
    assertEquals(-r * logP, loss, 1e-4);
    reference.accumulateGradients(List.of(WeightedSequence.crossEntropy(unit.sample())), r);
    double[][] a = actor.gradients();
    double[][] b = reference.gradients();
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(b[i], a[i], 1e-12);
    }
  }

  @Test
  void equalWeightsAddCrossEntropyOnTheGroundTruthToTheRlLoss() {
    RlExample ex =
        new RlExample(
            pair(new int[] {1}, new int[] {2, 3}),
            pair(new int[] {1}, new int[] {4, 5, 0}),
            -0.3,
            TokenReturns.scaled(-0.3 - -1.0, List.of(0.5, 0.5, 1.0)));
    List<WeightedSequence> seqs = RlObjective.paper().sequences(List.of(ex));
    assertEquals(2, seqs.size());
    assertEquals(List.of(1.0, 1.0), seqs.get(0).weights());
    assertEquals(ex.groundTruth(), seqs.get(0).pair());
    List<Double> w = seqs.get(1).weights();
    assertEquals(0.35, w.get(0), 1e-12);
    assertEquals(0.35, w.get(1), 1e-12);
    assertEquals(0.7, w.get(2), 1e-12);
  }

  @Test
  void rlStepsRaiseTheLikelihoodOfSamplesThatBeatTheBaseline() {
    TabularActor actor = new TabularActor(V, 11, 0.5);
    TokenPair good = pair(new int[] {1}, new int[] {2, 2, 0});
    TokenPair bad = pair(new int[] {1}, new int[] {3, 3, 0});
    double goodBefore = sum(actor.tokenLogProbs(List.of(good)).get(0));
    double badBefore = sum(actor.tokenLogProbs(List.of(bad)).get(0));
    RlObjective rl = new RlObjective(0.0, 1.0);
    List<RlExample> batch = new ArrayList<>();
    batch.add(new RlExample(good, good, 1.0, TokenReturns.constant(1.0 - -0.3, 3)));
    batch.add(new RlExample(bad, bad, -1.0, TokenReturns.constant(-1.0 - -0.3, 3)));
    for (int i = 0; i < 20; i++) {
      actor.accumulateGradients(rl.sequences(batch), 0.5);
      actor.step();
    }
    assertEquals(true, sum(actor.tokenLogProbs(List.of(good)).get(0)) > goodBefore);
    assertEquals(true, sum(actor.tokenLogProbs(List.of(bad)).get(0)) < badBefore);
  }

  private static double sum(float[] xs) {
    double s = 0;
    for (float x : xs) {
      s += x;
    }
    return s;
  }
}
