package dev.coderl4j.core.training;

import dev.coderl4j.core.lm.WeightedSequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The actor's fine-tuning loss {@code L = L_ce + L_rl} with equal weights (§4.1) as token-weighted
 * sequences for {@link dev.coderl4j.core.lm.Actor#accumulateGradients}.
 *
 * <p>Each example contributes its ground truth with weight {@code ceWeight} on every token ({@code
 * L_ce}, Eq. 1) and its sample with its returns times {@code rlWeight} ({@code L_rl}, Eq. 10; the
 * returns come from a {@link dev.coderl4j.core.returns.ReturnEstimator}). Both weights are 1 in the
 * paper. The returned list is a pure function of the examples, so splitting a batch changes nothing
 * but the order of the sum: a batch of N gives the gradients of N batches of one.
 *
 * @param ceWeight the weight of {@code L_ce}
 * @param rlWeight the weight of {@code L_rl}
 */
public record RlObjective(double ceWeight, double rlWeight) {
  public RlObjective {
    if (!(ceWeight >= 0) || !(rlWeight >= 0) || ceWeight + rlWeight == 0) {
      throw new IllegalArgumentException(
          "ceWeight and rlWeight must be non-negative and not both 0 (the paper uses 1 and 1), got "
              + ceWeight
              + ", "
              + rlWeight);
    }
  }

  /** The paper's objective: {@code L_ce + L_rl}. */
  public static RlObjective paper() {
    return new RlObjective(1.0, 1.0);
  }

  /** The weighted sequences of one batch: for each example its ground truth, then its sample. */
  public List<WeightedSequence> sequences(List<RlExample> batch) {
    List<WeightedSequence> out = new ArrayList<>(2 * batch.size());
    for (RlExample ex : batch) {
      if (ceWeight > 0 && ex.groundTruth().target().size() > 0) {
        out.add(
            new WeightedSequence(
                ex.groundTruth(), Collections.nCopies(ex.groundTruth().target().size(), ceWeight)));
      }
      if (rlWeight > 0 && ex.sample().target().size() > 0) {
        out.add(
            new WeightedSequence(
                ex.sample(), ex.returns().weights().stream().map(x -> x * rlWeight).toList()));
      }
    }
    return out;
  }
}
