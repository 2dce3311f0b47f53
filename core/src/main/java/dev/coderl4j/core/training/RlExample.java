package dev.coderl4j.core.training;

import dev.coderl4j.core.lm.TokenPair;
import java.util.List;
import java.util.Objects;

/**
 * One RL training item (Fig. 2): a problem's ground-truth program for {@code L_ce} and a sampled
 * program with its return, the greedy baseline's return and the critic's token values for
 * {@code L_rl}.
 *
 * @param groundTruth the problem's tokens and a reference solution's tokens
 * @param sample the problem's tokens and the sampled program's tokens
 * @param reward {@code r(W^s)}
 * @param baselineReward {@code r(W^b)} of the greedy program for the same problem
 * @param criticValues {@code q̂_φ(w_t)}, one per sampled token; empty when the variant needs none
 */
public record RlExample(
    TokenPair groundTruth, TokenPair sample, double reward, double baselineReward, List<Double> criticValues) {
  public RlExample {
    Objects.requireNonNull(groundTruth, "groundTruth");
    Objects.requireNonNull(sample, "sample");
    criticValues = List.copyOf(Objects.requireNonNull(criticValues, "criticValues"));
    if (!criticValues.isEmpty() && criticValues.size() != sample.target().size()) {
      throw new IllegalArgumentException(
          "need one critic value per sampled token: " + criticValues.size() + " for "
              + sample.target().size());
    }
  }
}
