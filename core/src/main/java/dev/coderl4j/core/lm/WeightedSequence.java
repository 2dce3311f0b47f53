package dev.coderl4j.core.lm;

import java.util.List;
import java.util.Objects;

/**
 * A training sequence with one weight per target token.
 *
 * <p>Both losses of CodeRL are token-weighted negative log-likelihoods: cross-entropy (Eq. 1) has
 * every weight 1, and the RL loss with a critic and a baseline (Eq. 9–10) has weight {@code (r(W^s)
 * - r(W^b)) * q̂(w_t)} at token {@code t} (the actor minimises {@code Σ w·(−log p)}, so {@code L_rl
 * = −(r(W^s) − r(W^b)) Σ_t q̂(w_t) log p(w_t)} needs the plus sign). The actor need not know which.
 *
 * @param pair source and target tokens
 * @param weights one per target token
 */
public record WeightedSequence(TokenPair pair, List<Double> weights) {
  public WeightedSequence {
    Objects.requireNonNull(pair, "pair");
    weights = List.copyOf(Objects.requireNonNull(weights, "weights"));
    if (weights.size() != pair.target().size()) {
      throw new IllegalArgumentException(
          "need one weight per target token: "
              + weights.size()
              + " weights for "
              + pair.target().size()
              + " tokens");
    }
  }

  /** Plain cross-entropy: every weight 1. */
  public static WeightedSequence crossEntropy(TokenPair pair) {
    return new WeightedSequence(pair, java.util.Collections.nCopies(pair.target().size(), 1.0));
  }
}
