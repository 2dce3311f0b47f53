package dev.coderl4j.plugins.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.returns.ReturnEstimatorContract;
import dev.coderl4j.core.returns.Rollout;
import dev.coderl4j.core.returns.TokenReturns;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * {@code greedy-baseline-critic} satisfies the return-estimator contract and gives Table 2's
 * variant D (Eq. 10) by hand.
 */
class GreedyBaselineCriticProperties implements ReturnEstimatorContract {
  @Override
  public ReturnEstimator estimator() {
    return new GreedyBaselineCritic();
  }

  private static List<List<Double>> weights(
      ReturnEstimator e, OptionalDouble greedy, Rollout... rs) {
    return e.estimate(new ProblemRollouts(greedy, List.of(rs))).stream()
        .map(TokenReturns::weights)
        .toList();
  }

  @Test
  void theAdvantageIsScaledByEachTokensCriticValue() {
    List<List<Double>> w =
        weights(estimator(), OptionalDouble.of(-1.0), new Rollout(1.0, 2, List.of(0.5, 0.25)));
    assertEquals(List.of(List.of(1.0, 0.5)), w);
  }
}
