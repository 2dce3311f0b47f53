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
 * {@code group-mean} satisfies the return-estimator contract and uses the other samples' mean
 * reward as the baseline.
 */
class GroupMeanProperties implements ReturnEstimatorContract {
  @Override
  public ReturnEstimator estimator() {
    return new GroupMean(false);
  }

  private static List<List<Double>> weights(
      ReturnEstimator e, OptionalDouble greedy, Rollout... rs) {
    return e.estimate(new ProblemRollouts(greedy, List.of(rs))).stream()
        .map(TokenReturns::weights)
        .toList();
  }

  @Test
  void theBaselineIsTheMeanOfTheOtherSamples() {
    List<List<Double>> w =
        weights(
            estimator(),
            OptionalDouble.empty(),
            Rollout.of(1.0, 1),
            Rollout.of(-0.3, 2),
            Rollout.of(-1.0, 1));
    assertEquals(1.0 - (-0.3 - 1.0) / 2, w.get(0).get(0), 1e-12);
    assertEquals(-0.3 - (1.0 - 1.0) / 2, w.get(1).get(1), 1e-12);
    assertEquals(-1.0 - (1.0 - 0.3) / 2, w.get(2).get(0), 1e-12);
  }

  @Test
  void aLoneSampleHasNoAdvantage() {
    assertEquals(
        List.of(List.of(0.0, 0.0)),
        weights(estimator(), OptionalDouble.of(-1.0), Rollout.of(1.0, 2)));
  }

  @Test
  void withTheCriticTokensAreScaledByItsValues() {
    List<List<Double>> w =
        weights(
            new GroupMean(true),
            OptionalDouble.empty(),
            new Rollout(1.0, 2, List.of(0.5, 1.0)),
            new Rollout(0.0, 1, List.of(1.0)));
    assertEquals(List.of(List.of(0.5, 1.0), List.of(-1.0)), w);
  }

  /** The critic-weighted variant satisfies the contract too. */
  static class WithCriticProperties implements ReturnEstimatorContract {
    @Override
    public ReturnEstimator estimator() {
      return new GroupMean(true);
    }
  }
}
