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
 * {@code critic-values} satisfies the return-estimator contract and gives Table 2's variant B by
 * hand.
 */
class CriticValuesProperties implements ReturnEstimatorContract {
  @Override
  public ReturnEstimator estimator() {
    return new CriticValues();
  }

  private static List<List<Double>> weights(
      ReturnEstimator e, OptionalDouble greedy, Rollout... rs) {
    return e.estimate(new ProblemRollouts(greedy, List.of(rs))).stream()
        .map(TokenReturns::weights)
        .toList();
  }

  @Test
  void theRewardIsScaledByEachTokensCriticValue() {
    assertEquals(
        List.of(List.of(-0.15, -0.6)),
        weights(estimator(), OptionalDouble.empty(), new Rollout(-0.6, 2, List.of(0.25, 1.0))));
  }
}
