package dev.coderl4j.core.run;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.config.RlConfig;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.config.StagesConfig;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.OutcomeClass;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.returns.ReturnEstimator;
import dev.coderl4j.core.reward.RewardScheme;
import dev.coderl4j.core.training.CriticStage;
import dev.coderl4j.core.training.LinePlot;
import dev.coderl4j.core.training.RlExample;
import dev.coderl4j.core.training.RlStage;
import dev.coderl4j.core.training.SampleRecord;
import dev.coderl4j.core.training.SampleStage;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.core.training.Tasks;
import dev.coderl4j.core.training.TrainingLoop;
import dev.coderl4j.core.training.TrainingTask;
import dev.coderl4j.core.training.WarmStartStage;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the stages a config names, in the paper's order (§4.1): warm-start, sample, critic, RL. Each
 * stage reads what the previous ones wrote under {@code out/}, resumes if it was interrupted, and
 * writes its provenance.
 *
 * <p>Built on the SPIs only. The tokenizer is the configured actor's ({@link Actor#tokenizer()}),
 * held open while the stages run; each stage encodes the problems with its own token limits ({@code
 * warmstart.maxSourceTokens}/{@code maxTargetTokens}, {@code sample.maxSourceTokens}, {@code
 * rl.maxSourceTokens}/{@code maxTargetTokens}; the critic reads the sample stage's prompts and
 * truncates with its own params).
 */
public final class TrainPipeline {
  private final RunContext ctx;
  private final PrintStream log;

  public TrainPipeline(RunContext ctx, PrintStream log) {
    this.ctx = ctx;
    this.log = log;
  }

  /** Per-stage throughput and wall time, filled as stages run. */
  public record StageReport(String stage, double wallSeconds, Map<String, Object> figures) {}

  /** Runs the configured stages, restricted to {@code only} when it is not empty. */
  public List<StageReport> run(Set<String> only) {
    RunConfig cfg = ctx.config();
    StagesConfig stages = cfg.stages();
    List<StageReport> reports = new ArrayList<>();
    if (cfg.train() == null) {
      return reports;
    }
    Benchmark benchmark = ctx.benchmark(cfg.train());
    PromptFormat format = ctx.format(cfg.train(), benchmark);
    List<Problem> problems = RunContext.problems(cfg.train(), benchmark);
    log.printf(Locale.ROOT, "train: %d problems of %s%n", problems.size(), benchmark.name());
    int perProblem = stages.warmstart() != null ? stages.warmstart().solutionsPerProblem() : 0;
    try (Actor vocabulary = ctx.actors().open(Optional.empty())) {
      var tok = vocabulary.tokenizer();

      if (stages.warmstart() != null && want(only, "warmstart")) {
        StageDir dir = begin("warmstart");
        long t0 = System.nanoTime();
        Tasks codec =
            new Tasks(
                format,
                tok,
                stages.warmstart().maxSourceTokens(),
                stages.warmstart().maxTargetTokens());
        TrainingLoop.Summary s =
            WarmStartStage.run(
                dir,
                ctx.actors(),
                Optional.empty(),
                codec.encode(problems, perProblem),
                stages.warmstart(),
                cfg.seed());
        reports.add(new StageReport("warmstart", secs(t0), figures(s)));
      }
      Optional<Path> warm = finished("warmstart");

      // The sample stage's prompts are the ones the critic and (through the samples) RL read.
      Tasks sampleCodec =
          new Tasks(
              format,
              tok,
              stages.sample() != null ? stages.sample().maxSourceTokens() : Integer.MAX_VALUE,
              Integer.MAX_VALUE);
      List<TrainingTask> sampleTasks = sampleCodec.encode(problems, perProblem);
      if (stages.sample() != null && want(only, "sample")) {
        StageDir dir = begin("sample");
        long t0 = System.nanoTime();
        try (DecodingStrategy sampler = ctx.decoding(stages.sample().decoding());
            DecodingStrategy baseline = ctx.decoding(stages.sample().baseline())) {
          List<SampleRecord> recs =
              SampleStage.run(
                  dir,
                  ctx.actors(),
                  warm,
                  sampleTasks,
                  stages.sample(),
                  sampler,
                  baseline,
                  sampleCodec,
                  benchmark,
                  ctx.runner(),
                  cfg.seed());
          Map<String, Object> f = readSummary(dir);
          f.put("records", recs.size());
          reports.add(new StageReport("sample", secs(t0), f));
        }
      }
      List<SampleRecord> samples = SampleStage.records(ctx.stage("sample"));

      if (stages.critic() != null && want(only, "critic")) {
        StageDir dir = begin("critic");
        long t0 = System.nanoTime();
        CriticStage.Result r =
            CriticStage.run(
                dir, ctx.critics(), sampleTasks, samples, sampleCodec, stages.critic(), cfg.seed());
        Map<String, Object> f = new LinkedHashMap<>();
        r.training()
            .forEach(
                (labels, s) ->
                    f.put(CriticStage.dirName(labels) + ".samplesPerSecond", s.perSecond()));
        r.heldOut()
            .forEach(
                (labels, e) -> {
                  f.put(CriticStage.dirName(labels) + ".heldOutAccuracy", e.accuracy());
                  f.put(CriticStage.dirName(labels) + ".majorityAccuracy", e.majorityAccuracy());
                  f.put(CriticStage.dirName(labels) + ".ece", e.expectedCalibrationError());
                  log.printf(
                      Locale.ROOT,
                      "critic %s on held-out samples:%n%s%n",
                      CriticStage.dirName(labels),
                      CriticStage.describe(e));
                });
        reports.add(new StageReport("critic", secs(t0), f));
      }

      if (stages.rl() != null && want(only, "rl")) {
        StageDir dir = begin("rl");
        long t0 = System.nanoTime();
        RlConfig rl = stages.rl();
        ReturnEstimator estimator = ctx.resolver().create(ReturnEstimator.class, rl.returns());
        if (estimator.usesCritic() && cfg.critic() == null) {
          throw new IllegalArgumentException(
              "returns: {type: "
                  + rl.returns().type()
                  + "} weights"
                  + " tokens by a critic: add critic: {type: codet5-critic, params: {...}} and the"
                  + " critic stage, or use returns: {type: greedy-baseline}");
        }
        if (rl.rounds() > 1 && stages.sample() == null) {
          throw new IllegalArgumentException(
              "rl.rounds > 1 samples again each round with"
                  + " stages.sample's settings: add stages.sample, or set rl.rounds: 1");
        }
        Tasks rlCodec = new Tasks(format, tok, rl.maxSourceTokens(), rl.maxTargetTokens());
        List<TrainingTask> rlTasks = rlCodec.encode(problems, perProblem);
        Optional<Path> critic = finished(ctx.stage("critic"), LabelSet.FOUR_CLASS);
        Optional<Path> from = warm;
        List<Map<String, Object>> rounds = new ArrayList<>();
        TrainingLoop.Summary s = null;
        int examplesCount = 0;
        for (int round = 1; round <= rl.rounds(); round++) {
          // One round is the paper's offline setting and keeps the stage's old layout; online
          // rounds each get a folder, resumed at round granularity (every part is resumable).
          StageDir roundDir = rl.rounds() == 1 ? dir : new StageDir(dir.resolve("round-" + round));
          List<SampleRecord> roundSamples = samples;
          if (round > 1) {
            log.printf(
                Locale.ROOT,
                "rl round %d/%d: sampling from %s%n",
                round,
                rl.rounds(),
                from.map(Path::toString).orElse("the configured actor"));
            try (DecodingStrategy sampler = ctx.decoding(stages.sample().decoding());
                DecodingStrategy baseline = ctx.decoding(stages.sample().baseline())) {
              roundSamples =
                  SampleStage.run(
                      new StageDir(roundDir.resolve("sample")),
                      ctx.actors(),
                      from,
                      sampleTasks,
                      stages.sample(),
                      sampler,
                      baseline,
                      sampleCodec,
                      benchmark,
                      ctx.runner(),
                      cfg.seed() + round);
            }
            if (rl.retrainCritic() && stages.critic() != null) {
              StageDir criticDir = new StageDir(roundDir.resolve("critic"));
              CriticStage.run(
                  criticDir,
                  ctx.critics(),
                  sampleTasks,
                  roundSamples,
                  sampleCodec,
                  stages.critic(),
                  cfg.seed() + round);
              critic = finished(criticDir, LabelSet.FOUR_CLASS);
            }
          }
          List<RlExample> examples;
          if (estimator.usesCritic()) {
            Path ckpt =
                critic.orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "returns: {type: "
                                + rl.returns().type()
                                + "} needs the trained critic: run the critic stage first"));
            try (Critic c = ctx.critics().open(LabelSet.FOUR_CLASS, Optional.of(ckpt))) {
              examples =
                  RlStage.examples(
                      rlTasks,
                      roundSamples,
                      rlCodec,
                      ctx.reward(),
                      estimator,
                      rl.batchSize(),
                      Optional.of(c));
            }
          } else {
            examples =
                RlStage.examples(
                    rlTasks,
                    roundSamples,
                    rlCodec,
                    ctx.reward(),
                    estimator,
                    rl.batchSize(),
                    Optional.empty());
          }
          StageDir trainDir = rl.rounds() == 1 ? dir : new StageDir(roundDir.resolve("train"));
          s =
              RlStage.run(
                  trainDir,
                  ctx.actors(),
                  from,
                  examples,
                  rl,
                  cfg.seed() + round - 1,
                  rl.rounds() == 1 ? "rl-" + rl.returns().type() : "rl round " + round);
          from = Optional.of(trainDir.resolve(s.checkpoint()));
          examplesCount += examples.size();
          rounds.add(roundFigures(round, roundSamples, ctx.reward(), s));
        }
        if (rl.rounds() > 1) {
          writeRounds(dir, rounds);
          dir.saveState(
              new StageDir.State(
                  rounds.stream().mapToLong(m -> ((Number) m.get("steps")).longValue()).sum(),
                  true,
                  dir.path().relativize(from.orElseThrow()).toString()));
        }
        Map<String, Object> f = figures(s);
        f.put("examples", examplesCount);
        f.put("returns", rl.returns().type());
        f.put("rounds", rounds);
        reports.add(new StageReport("rl", secs(t0), f));
      }
    }
    return reports;
  }

  /** A critic stage's finished checkpoint for {@code labels}, when it has one. */
  private static Optional<Path> finished(StageDir criticDir, LabelSet labels) {
    StageDir dir = new StageDir(criticDir.resolve(CriticStage.dirName(labels)));
    return dir.state().map(StageDir.State::done).orElse(false)
        ? Optional.of(TrainingLoop.finalCheckpoint(dir))
        : Optional.empty();
  }

  /** One RL round's line: its samples' mean reward and pass rate, and its training loss. */
  private static Map<String, Object> roundFigures(
      int round, List<SampleRecord> samples, RewardScheme reward, TrainingLoop.Summary s) {
    double sum = 0;
    int n = 0;
    int passed = 0;
    for (SampleRecord r : samples) {
      if (r.kind().equals(SampleRecord.SAMPLE)) {
        sum += reward.reward(r.outcome(), r.tests(), r.suiteSize());
        passed += OutcomeClass.of(r.outcome()) == OutcomeClass.PASSED ? 1 : 0;
        n++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("round", round);
    m.put("samples", n);
    m.put("meanReward", n == 0 ? 0.0 : sum / n);
    m.put("passRate", n == 0 ? 0.0 : (double) passed / n);
    m.put("steps", s.steps());
    m.put("firstLoss", s.firstLoss());
    m.put("lastLoss", s.lastLoss());
    m.put("checkpoint", s.checkpoint());
    return m;
  }

  /** Rewrites the rounds' lines (so a resumed run never doubles one) and their curve. */
  private static void writeRounds(StageDir dir, List<Map<String, Object>> rounds) {
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> m : rounds) {
      try {
        sb.append(StageDir.mapper().writeValueAsString(m)).append('\n');
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    dir.writeString("metrics.jsonl", sb.toString());
    List<Double> x = rounds.stream().map(m -> ((Number) m.get("round")).doubleValue()).toList();
    LinePlot.write(
        dir.resolve("rounds.png"),
        "RL rounds: the samples each round trained on",
        "round",
        "mean reward / pass rate",
        List.of(
            new LinePlot.Series(
                "mean reward", x, rounds.stream().map(m -> (Double) m.get("meanReward")).toList()),
            new LinePlot.Series(
                "pass rate", x, rounds.stream().map(m -> (Double) m.get("passRate")).toList()),
            new LinePlot.Series(
                "last loss", x, rounds.stream().map(m -> (Double) m.get("lastLoss")).toList())));
  }

  private Optional<Path> finished(String stage) {
    StageDir dir = ctx.stage(stage);
    return dir.state().map(StageDir.State::done).orElse(false)
        ? Optional.of(TrainingLoop.finalCheckpoint(dir))
        : Optional.empty();
  }

  private StageDir begin(String stage) {
    log.println("== stage " + stage + " -> " + ctx.out().resolve(stage));
    StageDir dir = ctx.stage(stage);
    if (!Files.exists(dir.resolve("provenance.json"))) {
      dir.writeProvenance("coderl train (" + stage + ")", ctx.configMap(), ctx.config().seed());
    }
    return dir;
  }

  private static boolean want(Set<String> only, String stage) {
    return only.isEmpty() || only.contains(stage);
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static Map<String, Object> figures(TrainingLoop.Summary s) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("steps", s.steps());
    f.put("tokens", s.weight());
    f.put("tokensPerSecond", s.perSecond());
    f.put("firstLoss", s.firstLoss());
    f.put("lastLoss", s.lastLoss());
    f.put("checkpoint", s.checkpoint());
    return f;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readSummary(StageDir dir) {
    try {
      return new LinkedHashMap<>(
          StageDir.mapper().readValue(dir.resolve("summary.json").toFile(), Map.class));
    } catch (java.io.IOException e) {
      return new LinkedHashMap<>();
    }
  }

  /** A plain table of stage reports. */
  public static String table(List<StageReport> reports) {
    StringBuilder sb =
        new StringBuilder(
            String.format(Locale.ROOT, "%-10s %9s  %s%n", "stage", "wall s", "figures"));
    for (StageReport r : reports) {
      sb.append(
          String.format(Locale.ROOT, "%-10s %9.1f  %s%n", r.stage(), r.wallSeconds(), r.figures()));
    }
    return sb.toString();
  }
}
