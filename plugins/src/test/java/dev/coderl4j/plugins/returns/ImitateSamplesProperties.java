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
 * {@code imitate-samples} satisfies the return-estimator contract and trains on every sample as if
 * it were correct (Table 3, L_ce (+W^s)).
 */
class ImitateSamplesProperties implements ReturnEstimatorContract {
  @Override
  public ReturnEstimator estimator() {
    return new ImitateSamples();
  }

  private static List<List<Double>> weights(
      ReturnEstimator e, OptionalDouble greedy, Rollout... rs) {
    return e.estimate(new ProblemRollouts(greedy, List.of(rs))).stream()
        .map(TokenReturns::weights)
        .toList();
  }

  @Test
  void everyTokenHasWeightOneWhateverTheReward() {
    assertEquals(
        List.of(List.of(1.0, 1.0), List.of(1.0)),
        weights(estimator(), OptionalDouble.empty(), Rollout.of(-1.0, 2), Rollout.of(1.0, 1)));
  }
}
