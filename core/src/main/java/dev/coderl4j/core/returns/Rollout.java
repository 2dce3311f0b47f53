package dev.coderl4j.core.returns;

import java.util.List;
import java.util.Objects;

/**
 * One sampled program as a return estimator sees it: its reward and its tokens' critic values.
 *
 * @param reward {@code r(W^s)}, the reward scheme applied to the program's outcome (Eq. 4–7)
 * @param length the program's token count {@code T}
 * @param criticValues {@code q̂_φ(w_t)} for {@code t = 1..T} (§3.3, "Intermediate Return by
 *     Critic"), or empty when no critic was run
 */
public record Rollout(double reward, int length, List<Double> criticValues) {
  public Rollout {
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward must be finite, got " + reward);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length must be ≥ 0, got " + length);
    }
    criticValues = List.copyOf(Objects.requireNonNull(criticValues, "criticValues"));
    if (!criticValues.isEmpty() && criticValues.size() != length) {
      throw new IllegalArgumentException(
          "need one critic value per token: "
              + criticValues.size()
              + " values for "
              + length
              + " tokens");
    }
  }

  /** A rollout without critic values. */
  public static Rollout of(double reward, int length) {
    return new Rollout(reward, length, List.of());
  }

  /** Whether critic values are present (every token has one). */
  public boolean hasCriticValues() {
    return length == 0 || !criticValues.isEmpty();
  }
}
