package dev.coderl4j.core.training;

import dev.coderl4j.core.config.CriticStageConfig;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticEvaluation;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.LabelledSample;
import dev.coderl4j.core.critic.OutcomeClass;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The critic stage (§3.3, Eq. 9; §4.1): train the critic on the executed samples (the actor stays
 * frozen) and report how well it predicts outcomes on problems held out from training.
 *
 * <p>Writes {@code four-class/} (the critic whose values weight the RL loss) and, if configured,
 * {@code binary/} (the {FailedTest, PassedTest} critic of Critic Sampling), each with its
 * checkpoint, metrics, {@code eval.json} (accuracy, confusion matrix, calibration), {@code
 * eval.txt} and a reliability diagram.
 */
public final class CriticStage {
  private CriticStage() {}

  /** The trained critics' checkpoints and held-out evaluations, by label set. */
  public record Result(
      Map<LabelSet, Path> checkpoints,
      Map<LabelSet, CriticEvaluation> heldOut,
      Map<LabelSet, TrainingLoop.Summary> training) {}

  /** The directory name of a label set's critic. */
  public static String dirName(LabelSet labels) {
    return switch (labels) {
      case FOUR_CLASS -> "four-class";
      case BINARY -> "binary";
    };
  }

  /** Trains (or resumes) the critics. */
  public static Result run(
      StageDir dir,
      CriticSource critics,
      List<TrainingTask> tasks,
      List<SampleRecord> samples,
      Tasks codec,
      CriticStageConfig cfg,
      long seed) {
    Map<String, TrainingTask> byId = new HashMap<>();
    tasks.forEach(t -> byId.put(t.id(), t));
    List<String> ids = tasks.stream().map(TrainingTask::id).toList();
    List<String> shuffled = Batches.shuffled(ids, seed, -1);
    int heldCount =
        cfg.heldOutFraction() == 0 || ids.size() < 2
            ? 0
            : Math.max(1, (int) Math.round(cfg.heldOutFraction() * ids.size()));
    Set<String> heldOut = new HashSet<>(shuffled.subList(0, heldCount));

    List<Item> train = new ArrayList<>();
    List<Item> held = new ArrayList<>();
    for (SampleRecord r : samples) {
      TrainingTask t = byId.get(r.problemId());
      if (t == null) {
        continue;
      }
      var target = codec.generated(r.tokenIds(), r.finished());
      if (target.isEmpty()) {
        continue;
      }
      Item item = new Item(new TokenPair(t.source(), target), OutcomeClass.of(r.outcome()));
      (heldOut.contains(t.id()) ? held : train).add(item);
    }
    if (cfg.includeGroundTruth()) {
      for (TrainingTask t : tasks) {
        if (!heldOut.contains(t.id())) {
          t.solutions()
              .forEach(s -> train.add(new Item(new TokenPair(t.source(), s), OutcomeClass.PASSED)));
        }
      }
    }
    if (train.isEmpty()) {
      throw new IllegalArgumentException("critic: no training samples; run the sample stage first");
    }
    List<LabelSet> sets =
        cfg.trainBinary()
            ? List.of(LabelSet.FOUR_CLASS, LabelSet.BINARY)
            : List.of(LabelSet.FOUR_CLASS);
    Map<LabelSet, Path> checkpoints = new LinkedHashMap<>();
    Map<LabelSet, CriticEvaluation> evals = new LinkedHashMap<>();
    Map<LabelSet, TrainingLoop.Summary> summaries = new LinkedHashMap<>();
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("trainSamples", train.size());
    split.put("heldOutSamples", held.size());
    split.put("heldOutProblems", heldOut.stream().sorted().toList());
    dir.writeJson("split.json", split);
    for (LabelSet labels : sets) {
      StageDir sub = new StageDir(dir.resolve(dirName(labels)));
      var settings =
          new TrainingLoop.Settings(
              "critic-" + dirName(labels), cfg.epochs(), cfg.batchSize(), cfg.maxSteps(), 0, seed);
      var loop =
          new TrainingLoop<Item, LabelledSample>(
              settings,
              batch -> batch.stream().map(i -> new LabelledSample(i.pair(), i.label())).toList(),
              List::size,
              batch -> Map.of());
      TrainingLoop.Summary s =
          loop.run(
              sub, from -> TrainingLoop.of(critics.open(labels, from)), Optional.empty(), train);
      Path ckpt = sub.resolve(s.checkpoint());
      checkpoints.put(labels, ckpt);
      summaries.put(labels, s);
      if (!held.isEmpty()) {
        try (Critic critic = critics.open(labels, Optional.of(ckpt))) {
          CriticEvaluation e = evaluate(critic, held, cfg.batchSize());
          evals.put(labels, e);
          sub.writeJson("eval.json", e);
          sub.writeString("eval.txt", describe(e));
          plotReliability(sub.resolve("reliability.png"), e);
        }
      }
    }
    dir.saveState(new StageDir.State(sets.size(), true, ""));
    return new Result(checkpoints, evals, summaries);
  }

  /** A (problem, program) pair and its true outcome class. */
  public record Item(TokenPair pair, OutcomeClass label) {}

  /** Predicts {@code items} in batches and compares with their labels. */
  public static CriticEvaluation evaluate(Critic critic, List<Item> items, int batchSize) {
    List<CriticPrediction> preds = new ArrayList<>();
    try (Progress p = Progress.stderr("critic-eval", items.size())) {
      for (List<Item> batch : Batches.of(items, batchSize)) {
        preds.addAll(critic.predict(batch.stream().map(Item::pair).toList()));
        p.advance(batch.size());
      }
    }
    return CriticEvaluation.of(
        critic.labels(), items.stream().map(Item::label).toList(), preds, 10);
  }

  /** A human-readable summary: accuracy, the confusion matrix and calibration. */
  public static String describe(CriticEvaluation e) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "held-out samples: %d%naccuracy: %.3f (majority class: %.3f)%nECE: %.3f%n%n",
            e.count(),
            e.accuracy(),
            e.majorityAccuracy(),
            e.expectedCalibrationError()));
    List<String> names = e.labels().names();
    sb.append(String.format(Locale.ROOT, "%-14s", "true \\ pred"));
    names.forEach(n -> sb.append(String.format(Locale.ROOT, "%14s", n)));
    sb.append('\n');
    for (int i = 0; i < names.size(); i++) {
      sb.append(String.format(Locale.ROOT, "%-14s", names.get(i)));
      for (int c : e.confusion().get(i)) {
        sb.append(String.format(Locale.ROOT, "%14d", c));
      }
      sb.append('\n');
    }
    sb.append("\nconfidence bin   count  mean conf  accuracy\n");
    for (CriticEvaluation.Bin b : e.bins()) {
      if (b.count() > 0) {
        sb.append(
            String.format(
                Locale.ROOT,
                "[%.1f, %.1f)  %7d  %9.3f  %8.3f%n",
                b.lower(),
                b.upper(),
                b.count(),
                b.meanConfidence(),
                b.accuracy()));
      }
    }
    return sb.toString();
  }

  private static void plotReliability(Path file, CriticEvaluation e) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (CriticEvaluation.Bin b : e.bins()) {
      if (b.count() > 0) {
        x.add(b.meanConfidence());
        y.add(b.accuracy());
      }
    }
    LinePlot.write(
        file,
        String.format(
            Locale.ROOT,
            "critic reliability (%s, ECE %.3f)",
            dirName(e.labels()),
            e.expectedCalibrationError()),
        "mean confidence",
        "accuracy",
        List.of(
            new LinePlot.Series("critic", x, y),
            new LinePlot.Series("perfect", List.of(0.0, 1.0), List.of(0.0, 1.0))));
  }
}
