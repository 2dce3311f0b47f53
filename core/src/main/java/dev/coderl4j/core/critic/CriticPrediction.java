package dev.coderl4j.core.critic;

import java.util.List;
import java.util.Objects;

/**
 * What a critic says of one (problem, program) pair (§3.3).
 *
 * @param outcome {@code û = softmax(Linear(maxpool(h_1..h_T)))}: one probability per class of the
 *     critic's {@link LabelSet}
 * @param tokenValues {@code v̂_t = softmax(Linear(h_t))} for every program token {@code t}: row
 *     {@code t} is a distribution over the same classes; {@code q̂(w_t) = v̂_t[u]}
 */
public record CriticPrediction(List<Double> outcome, ValueMatrix tokenValues) {
  public CriticPrediction {
    outcome = List.copyOf(Objects.requireNonNull(outcome, "outcome"));
    Objects.requireNonNull(tokenValues, "tokenValues");
    if (tokenValues.columns() != outcome.size()) {
      throw new IllegalArgumentException(
          "token values have "
              + tokenValues.columns()
              + " classes but the outcome has "
              + outcome.size());
    }
  }

  /** The most probable class index. */
  public int predictedIndex() {
    int best = 0;
    for (int i = 1; i < outcome.size(); i++) {
      if (outcome.get(i) > outcome.get(best)) {
        best = i;
      }
    }
    return best;
  }

  /** {@code q̂(w_t) = v̂_t[classIndex]} for every token: the values used by Eq. 10. */
  public double[] tokenValues(int classIndex) {
    return tokenValues.column(classIndex);
  }

  /**
   * {@code q̂(w_t) = v̂_t[classIndex]} as the one form critic values keep on their way to the RL
   * loss ({@link dev.coderl4j.core.training.RlExample#criticValues}).
   */
  public List<Double> values(int classIndex) {
    return java.util.Arrays.stream(tokenValues.column(classIndex)).boxed().toList();
  }
}
