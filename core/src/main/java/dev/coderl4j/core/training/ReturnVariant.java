package dev.coderl4j.core.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a sampled program's return is spread over its tokens: the four variants of Table 2 (§4.3).
 *
 * <p>The RL loss is {@code L_rl = −(r(W^s) − r(W^b)) Σ_t q̂(w_t) log p(w_t)} (Eq. 10). With the
 * actor minimising {@code Σ_t weight_t · (−log p(w_t))}, a token's weight is {@code advantage ·
 * q̂_t}, where the advantage is {@code r(W^s) − r(W^b)} with the greedy baseline (Eq. 8) or
 * {@code r(W^s)} without it (Eq. 3), and {@code q̂_t} is 1 (no critic), the critic's probability of
 * the observed outcome at token t, or a linear decay by position.
 */
public enum ReturnVariant {
  /** Baseline, no critic: every token gets {@code r(W^s) − r(W^b)} (Eq. 8). */
  A,
  /** Critic, no baseline: {@code r(W^s) · q̂_φ(w_t)}. */
  B,
  /**
   * Baseline and a rule-based "distance" critic: {@code q̂(w_t) = (T − t + 1) / T} for
   * {@code t = 1..T}, decaying linearly from 1 at the first token to {@code 1/T} at the last.
   */
  C,
  /** Baseline and the learned critic, the paper's CodeRL (Eq. 10). */
  D;

  /** Whether the greedy baseline's return is subtracted. */
  public boolean usesBaseline() {
    return switch (this) {
      case A, C, D -> true;
      case B -> false;
    };
  }

  /** Whether token values come from a trained critic. */
  public boolean usesCritic() {
    return switch (this) {
      case B, D -> true;
      case A, C -> false;
    };
  }

  /**
   * The per-token weights of one sample.
   *
   * @param reward {@code r(W^s)}
   * @param baselineReward {@code r(W^b)}; ignored by {@link #B}
   * @param criticValues {@code q̂_φ(w_t)} for each token, needed by {@link #B} and {@link #D}
   *     (may be empty for the others): the form {@link
   *     dev.coderl4j.core.critic.CriticPrediction#values} gives and {@link RlExample} keeps
   * @param length the sample's token count {@code T}
   */
  public List<Double> weights(double reward, double baselineReward, List<Double> criticValues, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    double advantage = usesBaseline() ? reward - baselineReward : reward;
    if (usesCritic()) {
      if (criticValues == null || criticValues.size() != length) {
        throw new IllegalArgumentException(
            "variant " + this + " needs one critic value per token: got "
                + (criticValues == null ? "none" : criticValues.size()) + " for " + length
                + " tokens. Train a critic (stage 'critic') or choose variant A or C.");
      }
    }
    return switch (this) {
      case A -> Collections.nCopies(length, advantage);
      case B, D -> scaled(advantage, criticValues);
      case C -> scaled(advantage, java.util.Arrays.stream(linearDecay(length)).boxed().toList());
    };
  }

  /** {@code (T − t + 1) / T} for {@code t = 1..T}: variant C's rule-based token values. */
  public static double[] linearDecay(int length) {
    double[] q = new double[length];
    for (int t = 0; t < length; t++) {
      q[t] = (double) (length - t) / length;
    }
    return q;
  }

  private static List<Double> scaled(double advantage, List<Double> values) {
    List<Double> out = new ArrayList<>(values.size());
    for (double v : values) {
      out.add(advantage * v);
    }
    return out;
  }
}
