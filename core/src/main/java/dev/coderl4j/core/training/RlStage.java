package dev.coderl4j.core.training;

import dev.coderl4j.core.config.RlConfig;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.OutcomeClass;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.WeightedSequence;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.reward.RewardScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RL stage (§3.3, Fig. 2, Eq. 10; §4.1): fine-tune the warm-started actor with {@code L_ce + L_rl}
 * on the stored samples.
 *
 * <p>Like CodeRL's released trainer, the samples are those of the sample stage (drawn once from the
 * warm-started actor), not redrawn at every step. A sample's return is the reward scheme applied to
 * its stored outcome; the baseline's is that of the greedy program of the same problem; the critic's
 * token values are its probabilities of the sample's true outcome class at each token,
 * {@code q̂(w_t) = v̂_t[u]}.
 */
public final class RlStage {
  private RlStage() {}

  /**
   * The RL examples: one per stored sample whose problem has a baseline and a reference solution.
   *
   * @param critic the frozen four-class critic; required when the variant uses one
   */
  public static List<RlExample> examples(List<TrainingTask> tasks, List<SampleRecord> samples, Tasks codec,
      RewardScheme reward, RlConfig cfg, Optional<Critic> critic) {
    Map<String, TrainingTask> byId = new HashMap<>();
    tasks.forEach(t -> byId.put(t.id(), t));
    Map<String, Double> baseline = new HashMap<>();
    for (SampleRecord r : samples) {
      if (r.kind().equals(SampleRecord.BASELINE)) {
        baseline.put(r.problemId(), reward.reward(r.outcome(), r.tests(), r.suiteSize()));
      }
    }
    List<RlExample> plain = new ArrayList<>();
    List<OutcomeClass> classes = new ArrayList<>();
    for (SampleRecord r : samples) {
      TrainingTask t = byId.get(r.problemId());
      if (!r.kind().equals(SampleRecord.SAMPLE) || t == null || t.solutions().isEmpty()
          || !baseline.containsKey(r.problemId())) {
        continue;
      }
      var target = codec.generated(r.tokenIds(), r.finished());
      if (target.isEmpty()) {
        continue;
      }
      TokenPair gt = new TokenPair(t.source(), t.solutions().get(r.index() % t.solutions().size()));
      double rs = reward.reward(r.outcome(), r.tests(), r.suiteSize());
      plain.add(new RlExample(gt, new TokenPair(t.source(), target), rs, baseline.get(r.problemId()), List.of()));
      classes.add(OutcomeClass.of(r.outcome()));
    }
    if (!cfg.variant().usesCritic()) {
      return plain;
    }
    Critic c = critic.orElseThrow(() -> new IllegalArgumentException(
        "RL variant " + cfg.variant() + " needs the trained critic; run the critic stage or use variant A or C"));
    List<RlExample> out = new ArrayList<>(plain.size());
    try (Progress p = Progress.stderr("critic-values", plain.size())) {
      for (int i = 0; i < plain.size(); i += cfg.batchSize()) {
        List<RlExample> batch = plain.subList(i, Math.min(plain.size(), i + cfg.batchSize()));
        List<CriticPrediction> preds = c.predict(batch.stream().map(RlExample::sample).toList());
        for (int j = 0; j < batch.size(); j++) {
          RlExample ex = batch.get(j);
          List<Double> values = preds.get(j).values(c.labels().index(classes.get(i + j)));
          out.add(new RlExample(ex.groundTruth(), ex.sample(), ex.reward(), ex.baselineReward(), values));
        }
        p.advance(batch.size());
      }
    }
    return out;
  }

  /** Trains (or resumes) the actor on {@code examples}. */
  public static TrainingLoop.Summary run(StageDir dir, ActorSource actors, Optional<Path> initial,
      List<RlExample> examples, RlConfig cfg, long seed) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException(
          "rl: no examples (every problem needs a reference solution, a baseline and samples); run the sample stage");
    }
    RlObjective objective = new RlObjective(cfg.variant(), cfg.ceWeight(), cfg.rlWeight());
    var settings = new TrainingLoop.Settings("rl-" + cfg.variant(), cfg.epochs(), cfg.batchSize(), cfg.maxSteps(),
        0, seed);
    var loop = new TrainingLoop<RlExample, WeightedSequence>(settings, objective::sequences,
        TrainingLoop::tokens, RlStage::batchMetrics);
    return loop.run(dir, from -> TrainingLoop.of(actors.open(from)), initial, examples);
  }

  private static Map<String, Object> batchMetrics(List<RlExample> batch) {
    double r = 0;
    double rb = 0;
    int passed = 0;
    for (RlExample ex : batch) {
      r += ex.reward();
      rb += ex.baselineReward();
      if (ex.reward() >= 1.0) {
        passed++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("meanReward", r / batch.size());
    m.put("meanBaselineReward", rb / batch.size());
    m.put("meanAdvantage", (r - rb) / batch.size());
    m.put("samplesRewardAtLeast1", passed);
    return m;
  }
}
