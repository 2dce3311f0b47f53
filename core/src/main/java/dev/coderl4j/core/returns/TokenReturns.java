package dev.coderl4j.core.returns;

import java.util.List;
import java.util.Objects;

/**
 * A sampled program's per-token weights in {@code L_rl = −Σ_t weight_t · log p(w_t)} (Eq. 10): the
 * advantage times the token's intermediate return.
 *
 * @param weights one finite weight per token
 */
public record TokenReturns(List<Double> weights) {
  public TokenReturns {
    weights = List.copyOf(Objects.requireNonNull(weights, "weights"));
    for (double w : weights) {
      if (!Double.isFinite(w)) {
        throw new IllegalArgumentException("token weights must be finite, got " + weights);
      }
    }
  }

  /** {@code advantage} on every one of {@code length} tokens. */
  public static TokenReturns constant(double advantage, int length) {
    return new TokenReturns(java.util.Collections.nCopies(length, advantage));
  }

  /** {@code advantage · values[t]} for each token. */
  public static TokenReturns scaled(double advantage, List<Double> values) {
    return new TokenReturns(values.stream().map(v -> advantage * v).toList());
  }
}
