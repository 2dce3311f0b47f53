package dev.coderl4j.core.training;

import dev.coderl4j.core.config.RlConfig;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.OutcomeClass;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.WeightedSequence;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.returns.ProblemRollouts;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.returns.Rollout;
import dev.coderl4j.core.returns.TokenReturns;
import dev.coderl4j.core.reward.RewardScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The RL stage (§3.3, Fig. 2, Eq. 10; §4.1): fine-tune the warm-started actor with {@code L_ce +
 * L_rl} on sampled programs.
 *
 * <p>In the offline setting (one round, as CodeRL's released trainer) the samples are those of the
 * sample stage, drawn once from the warm-started actor; online rounds draw them again from the
 * current actor. A sample's reward is the reward scheme applied to its stored outcome; the return
 * estimator turns the rewards of each problem's samples (with the greedy program's reward and the
 * critic's token values {@code q̂(w_t) = v̂_t[u]} of the sample's true outcome class, when it needs
 * them) into per-token weights.
 */
public final class RlStage {
  private RlStage() {}

  /**
   * The RL examples: one per stored sample whose problem has a reference solution (and a greedy
   * program, when the estimator subtracts its reward).
   *
   * @param critic the frozen four-class critic; required when the estimator uses one
   */
  public static List<RlExample> examples(
      List<TrainingTask> tasks,
      List<SampleRecord> samples,
      Tasks codec,
      RewardScheme reward,
      ReturnEstimator estimator,
      int batchSize,
      Optional<Critic> critic) {
    Map<String, TrainingTask> byId = new HashMap<>();
    tasks.forEach(t -> byId.put(t.id(), t));
    Map<String, Double> greedy = new HashMap<>();
    for (SampleRecord r : samples) {
      if (r.kind().equals(SampleRecord.BASELINE)) {
        greedy.put(r.problemId(), reward.reward(r.outcome(), r.tests(), r.suiteSize()));
      }
    }
    record Candidate(TrainingTask task, SampleRecord record, TokenPair sample, double reward) {}
    List<Candidate> candidates = new ArrayList<>();
    for (SampleRecord r : samples) {
      TrainingTask t = byId.get(r.problemId());
      if (!r.kind().equals(SampleRecord.SAMPLE)
          || t == null
          || t.solutions().isEmpty()
          || (estimator.usesGreedyBaseline() && !greedy.containsKey(r.problemId()))) {
        continue;
      }
      var target = codec.generated(r.tokenIds(), r.finished());
      if (target.isEmpty()) {
        continue;
      }
      candidates.add(
          new Candidate(
              t,
              r,
              new TokenPair(t.source(), target),
              reward.reward(r.outcome(), r.tests(), r.suiteSize())));
    }
    List<List<Double>> values = new ArrayList<>();
    if (estimator.usesCritic()) {
      Critic c =
          critic.orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "the return estimator weights tokens by the critic's values: run the critic"
                          + " stage, or choose returns: {type: greedy-baseline} (or"
                          + " greedy-baseline-decay, group-mean)"));
      try (Progress p = Progress.stderr("critic-values", candidates.size())) {
        for (int i = 0; i < candidates.size(); i += batchSize) {
          List<Candidate> batch = candidates.subList(i, Math.min(candidates.size(), i + batchSize));
          List<CriticPrediction> preds = c.predict(batch.stream().map(Candidate::sample).toList());
          for (int j = 0; j < batch.size(); j++) {
            OutcomeClass u = OutcomeClass.of(batch.get(j).record().outcome());
            values.add(preds.get(j).values(c.labels().index(u)));
          }
          p.advance(batch.size());
        }
      }
    }
    // Each problem's samples are estimated together (group baselines need the group).
    Map<String, List<Integer>> byProblem = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      byProblem.computeIfAbsent(candidates.get(i).task().id(), k -> new ArrayList<>()).add(i);
    }
    TokenReturns[] returns = new TokenReturns[candidates.size()];
    byProblem.forEach(
        (id, indices) -> {
          List<Rollout> rollouts = new ArrayList<>();
          for (int i : indices) {
            Candidate c = candidates.get(i);
            rollouts.add(
                new Rollout(
                    c.reward(),
                    c.sample().target().size(),
                    values.isEmpty() ? List.of() : values.get(i)));
          }
          Double g = greedy.get(id);
          List<TokenReturns> est =
              estimator.estimate(
                  new ProblemRollouts(
                      g == null ? OptionalDouble.empty() : OptionalDouble.of(g), rollouts));
          for (int k = 0; k < indices.size(); k++) {
            returns[indices.get(k)] = est.get(k);
          }
        });
    List<RlExample> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      TrainingTask t = c.task();
      TokenPair gt =
          new TokenPair(t.source(), t.solutions().get(c.record().index() % t.solutions().size()));
      out.add(new RlExample(gt, c.sample(), c.reward(), returns[i]));
    }
    return out;
  }

  /** Trains (or resumes) the actor on {@code examples}. */
  public static TrainingLoop.Summary run(
      StageDir dir,
      ActorSource actors,
      Optional<Path> initial,
      List<RlExample> examples,
      RlConfig cfg,
      long seed) {
    return run(dir, actors, initial, examples, cfg, seed, "rl-" + cfg.returns().type());
  }

  /** Trains (or resumes) the actor on {@code examples}, its progress named {@code name}. */
  public static TrainingLoop.Summary run(
      StageDir dir,
      ActorSource actors,
      Optional<Path> initial,
      List<RlExample> examples,
      RlConfig cfg,
      long seed,
      String name) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException(
          "rl: no examples (every problem needs a reference solution, a baseline and samples); run"
              + " the sample stage");
    }
    RlObjective objective = new RlObjective(cfg.ceWeight(), cfg.rlWeight());
    var settings =
        new TrainingLoop.Settings(name, cfg.epochs(), cfg.batchSize(), cfg.maxSteps(), 0, seed);
    var loop =
        new TrainingLoop<RlExample, WeightedSequence>(
            settings, objective::sequences, TrainingLoop::tokens, RlStage::batchMetrics);
    return loop.run(dir, from -> TrainingLoop.of(actors.open(from)), initial, examples);
  }

  private static Map<String, Object> batchMetrics(List<RlExample> batch) {
    double r = 0;
    double weight = 0;
    long tokens = 0;
    int passed = 0;
    for (RlExample ex : batch) {
      r += ex.reward();
      if (ex.reward() >= 1.0) {
        passed++;
      }
      for (double w : ex.returns().weights()) {
        weight += w;
      }
      tokens += ex.returns().weights().size();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("meanReward", r / batch.size());
    m.put("meanTokenReturn", tokens == 0 ? 0 : weight / tokens);
    m.put("samplesRewardAtLeast1", passed);
    return m;
  }
}
