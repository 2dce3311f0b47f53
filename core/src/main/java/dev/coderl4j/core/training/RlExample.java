package dev.coderl4j.core.training;

import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.returns.TokenReturns;
import java.util.Objects;

/**
 * One RL training item (Fig. 2): a problem's ground-truth program for {@code L_ce} and a sampled
 * program with its reward and its per-token returns for {@code L_rl}.
 *
 * @param groundTruth the problem's tokens and a reference solution's tokens
 * @param sample the problem's tokens and the sampled program's tokens
 * @param reward {@code r(W^s)}, kept for the stage's metrics
 * @param returns the return estimator's weight for each sampled token (Eq. 8–10)
 */
public record RlExample(
    TokenPair groundTruth, TokenPair sample, double reward, TokenReturns returns) {
  public RlExample {
    Objects.requireNonNull(groundTruth, "groundTruth");
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(returns, "returns");
    if (returns.weights().size() != sample.target().size()) {
      throw new IllegalArgumentException(
          "need one return per sampled token: "
              + returns.weights().size()
              + " for "
              + sample.target().size());
    }
  }
}
