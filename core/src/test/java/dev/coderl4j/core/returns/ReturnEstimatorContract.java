package dev.coderl4j.core.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties every {@link ReturnEstimator} has (§3.3, Eq. 8–10; Table 2); each estimator's {@code
 * *Properties} test implements this with {@link #estimator()}.
 */
public interface ReturnEstimatorContract {

  /** The estimator under test. */
  ReturnEstimator estimator();

  /** Rollouts with critic values in [0, 1] and a greedy reward: what every estimator accepts. */
  @Provide
  default Arbitrary<ProblemRollouts> problems() {
    Arbitrary<Rollout> rollout =
        Arbitraries.integers()
            .between(0, 8)
            .flatMap(
                len ->
                    Combinators.combine(
                            Arbitraries.oneOf(
                                Arbitraries.of(-1.0, -0.6, -0.3, 1.0),
                                Arbitraries.doubles().between(-1, 1)),
                            Arbitraries.doubles().between(0, 1).list().ofSize(len))
                        .as((r, q) -> new Rollout(r, len, q)));
    return Combinators.combine(Arbitraries.doubles().between(-1, 1), rollout.list().ofMaxSize(6))
        .as((g, rs) -> new ProblemRollouts(OptionalDouble.of(g), rs));
  }

  @Property
  default void oneWeightPerTokenOfEverySample(@ForAll("problems") ProblemRollouts p) {
    List<TokenReturns> out = estimator().estimate(p);
    assertEquals(p.rollouts().size(), out.size());
    for (int i = 0; i < out.size(); i++) {
      assertEquals(p.rollouts().get(i).length(), out.get(i).weights().size());
    }
  }

  @Property
  default void theOrderOfSamplesDoesNotMatter(@ForAll("problems") ProblemRollouts p) {
    List<Rollout> reversed = new ArrayList<>(p.rollouts());
    Collections.reverse(reversed);
    List<TokenReturns> a = new ArrayList<>(estimator().estimate(p));
    Collections.reverse(a);
    List<TokenReturns> b = estimator().estimate(new ProblemRollouts(p.greedyReward(), reversed));
    for (int i = 0; i < a.size(); i++) {
      assertClose(a.get(i), b.get(i));
    }
  }

  @Property
  default void aHigherRewardNeverLowersASamplesWeights(@ForAll("problems") ProblemRollouts p) {
    if (p.rollouts().isEmpty()) {
      return;
    }
    Rollout first = p.rollouts().get(0);
    List<Rollout> raised = new ArrayList<>(p.rollouts());
    raised.set(0, new Rollout(first.reward() + 0.5, first.length(), first.criticValues()));
    TokenReturns before = estimator().estimate(p).get(0);
    TokenReturns after = estimator().estimate(new ProblemRollouts(p.greedyReward(), raised)).get(0);
    for (int t = 0; t < before.weights().size(); t++) {
      assertTrue(
          after.weights().get(t) >= before.weights().get(t) - 1e-12,
          "token " + t + ": " + before.weights() + " -> " + after.weights());
    }
  }

  @Property
  default void criticValuesMatterOnlyToEstimatorsThatUseThem(
      @ForAll("problems") ProblemRollouts p) {
    List<Rollout> bare =
        p.rollouts().stream().map(r -> Rollout.of(r.reward(), r.length())).toList();
    ProblemRollouts without = new ProblemRollouts(p.greedyReward(), bare);
    if (estimator().usesCritic()) {
      if (bare.stream().anyMatch(r -> r.length() > 0)) {
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> estimator().estimate(without));
        assertTrue(e.getMessage().contains("critic"), e.getMessage());
      }
    } else {
      List<TokenReturns> a = estimator().estimate(p);
      List<TokenReturns> b = estimator().estimate(without);
      for (int i = 0; i < a.size(); i++) {
        assertClose(a.get(i), b.get(i));
      }
    }
  }

  @Property
  default void theGreedyRewardMattersOnlyToEstimatorsThatUseIt(
      @ForAll("problems") ProblemRollouts p) {
    ProblemRollouts without = new ProblemRollouts(OptionalDouble.empty(), p.rollouts());
    if (estimator().usesGreedyBaseline()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> estimator().estimate(without));
      assertTrue(e.getMessage().contains("baseline"), e.getMessage());
    } else {
      List<TokenReturns> a = estimator().estimate(p);
      List<TokenReturns> b = estimator().estimate(without);
      for (int i = 0; i < a.size(); i++) {
        assertClose(a.get(i), b.get(i));
      }
    }
  }

  private static void assertClose(TokenReturns a, TokenReturns b) {
    assertEquals(a.weights().size(), b.weights().size());
    for (int t = 0; t < a.weights().size(); t++) {
      assertEquals(a.weights().get(t), b.weights().get(t), 1e-9);
    }
  }
}
