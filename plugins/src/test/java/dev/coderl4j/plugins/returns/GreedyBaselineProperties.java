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
 * {@code greedy-baseline} satisfies the return-estimator contract and gives Table 2's variant A by
 * hand.
 */
class GreedyBaselineProperties implements ReturnEstimatorContract {
  @Override
  public ReturnEstimator estimator() {
    return new GreedyBaseline();
  }

  private static List<List<Double>> weights(
      ReturnEstimator e, OptionalDouble greedy, Rollout... rs) {
    return e.estimate(new ProblemRollouts(greedy, List.of(rs))).stream()
        .map(TokenReturns::weights)
        .toList();
  }

  @Test
  void everyTokenGetsTheAdvantageOverTheGreedyProgram() {
    assertEquals(
        List.of(List.of(1.3, 1.3), List.of(0.0)),
        weights(estimator(), OptionalDouble.of(-0.3), Rollout.of(1.0, 2), Rollout.of(-0.3, 1)));
  }
}
