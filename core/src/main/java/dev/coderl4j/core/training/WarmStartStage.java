package dev.coderl4j.core.training;

import dev.coderl4j.core.config.WarmStartConfig;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.WeightedSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warm-start (§4.1): imitation learning with {@code L_ce} (Eq. 1) on the ground-truth programs of
 * the training problems, "for up to 10 epochs", before any RL.
 */
public final class WarmStartStage {
  private WarmStartStage() {}

  /**
   * Trains (or resumes) and returns where the warm-started actor is.
   *
   * @param initial the checkpoint to start from; empty for the configured actor
   */
  public static TrainingLoop.Summary run(
      StageDir dir,
      ActorSource actors,
      Optional<Path> initial,
      List<TrainingTask> tasks,
      WarmStartConfig cfg,
      long seed) {
    List<TokenPair> pairs = new ArrayList<>();
    for (TrainingTask t : tasks) {
      for (var sol : t.solutions()) {
        pairs.add(new TokenPair(t.source(), sol));
      }
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException(
          "warmstart: the training problems have no reference solutions; choose a split with"
              + " solutions");
    }
    var settings =
        new TrainingLoop.Settings(
            "warmstart",
            cfg.epochs(),
            cfg.batchSize(),
            cfg.maxSteps(),
            cfg.checkpointEvery(),
            seed);
    var loop =
        new TrainingLoop<TokenPair, WeightedSequence>(
            settings,
            batch -> batch.stream().map(WeightedSequence::crossEntropy).toList(),
            TrainingLoop::tokens,
            batch -> Map.of());
    return loop.run(dir, from -> TrainingLoop.of(actors.open(from)), initial, pairs);
  }
}
