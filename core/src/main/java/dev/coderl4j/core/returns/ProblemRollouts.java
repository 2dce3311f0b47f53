package dev.coderl4j.core.returns;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The sampled programs of one problem, estimated together so that a baseline can use the group
 * (§3.3 Eq. 8 uses the greedy program; RLOO/GRPO-style baselines use the other samples).
 *
 * @param greedyReward {@code r(W^b)} of the problem's greedy program, when one was decoded
 * @param rollouts the problem's sampled programs
 */
public record ProblemRollouts(OptionalDouble greedyReward, List<Rollout> rollouts) {
  public ProblemRollouts {
    Objects.requireNonNull(greedyReward, "greedyReward");
    rollouts = List.copyOf(Objects.requireNonNull(rollouts, "rollouts"));
  }
}
