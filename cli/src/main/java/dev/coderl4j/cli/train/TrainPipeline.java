package dev.coderl4j.cli.train;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.config.StagesConfig;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.lm.TextTokenizer;
import dev.coderl4j.core.training.CriticStage;
import dev.coderl4j.core.training.RlExample;
import dev.coderl4j.core.training.RlStage;
import dev.coderl4j.core.training.SampleRecord;
import dev.coderl4j.core.training.SampleStage;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.core.training.Tasks;
import dev.coderl4j.core.training.TrainingLoop;
import dev.coderl4j.core.training.TrainingTask;
import dev.coderl4j.core.training.WarmStartStage;
import dev.coderl4j.models.hf.HfTokenizer;
import dev.coderl4j.models.lm.ActorParams;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the stages a config names, in the paper's order (§4.1): warm-start, sample, critic, RL. Each
 * stage reads what the previous ones wrote under {@code out/} and resumes if it was interrupted.
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

  /** The tokenizer of the configured actor's model folder. */
  public static HfTokenizer tokenizer(RunConfig cfg) {
    String model = cfg.actor().params().path("model").asText(ActorParams.DEFAULT_MODEL);
    return HfTokenizer.load(Path.of(model));
  }

  /** The actor checkpoint the latest finished training stage wrote, if any (RL, else warm-start). */
  public static Optional<Path> latestActor(RunContext ctx) {
    for (String stage : List.of("rl", "warmstart")) {
      StageDir dir = ctx.stage(stage);
      if (dir.state().map(StageDir.State::done).orElse(false)) {
        return Optional.of(TrainingLoop.finalCheckpoint(dir));
      }
    }
    return Optional.empty();
  }

  /** Runs the configured stages, restricted to {@code only} when it is not empty. */
  public List<StageReport> run(Set<String> only) {
    RunConfig cfg = ctx.config();
    StagesConfig stages = cfg.stages();
    List<StageReport> reports = new java.util.ArrayList<>();
    if (cfg.train() == null) {
      return reports;
    }
    Benchmark benchmark = ctx.benchmark(cfg.train());
    PromptFormat format = ctx.format(cfg.train(), benchmark);
    try (HfTokenizer tok = tokenizer(cfg)) {
      int maxSrc = stages.warmstart() != null ? stages.warmstart().maxSourceTokens()
          : stages.rl() != null ? stages.rl().maxSourceTokens() : 600;
      int maxTgt = stages.warmstart() != null ? stages.warmstart().maxTargetTokens()
          : stages.rl() != null ? stages.rl().maxTargetTokens() : 512;
      Tasks codec = new Tasks(format, tok, maxSrc, maxTgt);
      int perProblem = stages.warmstart() != null ? stages.warmstart().solutionsPerProblem() : 0;
      List<TrainingTask> tasks = codec.encode(RunContext.problems(cfg.train(), benchmark), perProblem);
      log.printf(Locale.ROOT, "train: %d problems of %s%n", tasks.size(), benchmark.name());

      if (stages.warmstart() != null && want(only, "warmstart")) {
        StageDir dir = begin("warmstart");
        long t0 = System.nanoTime();
        TrainingLoop.Summary s = WarmStartStage.run(dir, ctx.actors(), Optional.empty(), tasks, stages.warmstart(), cfg.seed());
        reports.add(new StageReport("warmstart", secs(t0), figures(s)));
      }
      Optional<Path> warm = ctx.stage("warmstart").state().map(StageDir.State::done).orElse(false)
          ? Optional.of(TrainingLoop.finalCheckpoint(ctx.stage("warmstart"))) : Optional.empty();

      if (stages.sample() != null && want(only, "sample")) {
        StageDir dir = begin("sample");
        long t0 = System.nanoTime();
        List<SampleRecord> recs = SampleStage.run(dir, ctx.actors(), warm, tasks, stages.sample(),
            ctx.decoding(stages.sample().decoding()), ctx.decoding(stages.sample().baseline()), codec, benchmark,
            ctx.runner(), cfg.seed());
        Map<String, Object> f = readSummary(dir);
        f.put("records", recs.size());
        reports.add(new StageReport("sample", secs(t0), f));
      }
      List<SampleRecord> samples = StageDir.readJsonLines(ctx.stage("sample").resolve("samples.jsonl"), SampleRecord.class);

      if (stages.critic() != null && want(only, "critic")) {
        StageDir dir = begin("critic");
        long t0 = System.nanoTime();
        CriticStage.Result r = CriticStage.run(dir, ctx.critics(), tasks, samples, codec, stages.critic(), cfg.seed());
        Map<String, Object> f = new LinkedHashMap<>();
        r.training().forEach((labels, s) -> f.put(CriticStage.dirName(labels) + ".samplesPerSecond", s.perSecond()));
        r.heldOut().forEach((labels, e) -> {
          f.put(CriticStage.dirName(labels) + ".heldOutAccuracy", e.accuracy());
          f.put(CriticStage.dirName(labels) + ".majorityAccuracy", e.majorityAccuracy());
          f.put(CriticStage.dirName(labels) + ".ece", e.expectedCalibrationError());
          log.printf(Locale.ROOT, "critic %s on held-out samples:%n%s%n", CriticStage.dirName(labels), CriticStage.describe(e));
        });
        reports.add(new StageReport("critic", secs(t0), f));
      }

      if (stages.rl() != null && want(only, "rl")) {
        StageDir dir = begin("rl");
        long t0 = System.nanoTime();
        Optional<Critic> critic = Optional.empty();
        try {
          if (stages.rl().variant().usesCritic()) {
            Path ckpt = TrainingLoop.finalCheckpoint(new StageDir(ctx.stage("critic").resolve(
                CriticStage.dirName(LabelSet.FOUR_CLASS))));
            critic = Optional.of(ctx.critics().open(LabelSet.FOUR_CLASS, Optional.of(ckpt)));
          }
          List<RlExample> examples = RlStage.examples(tasks, samples, codec, ctx.reward(), stages.rl(), critic);
          critic.ifPresent(Critic::close);
          critic = Optional.empty();
          TrainingLoop.Summary s = RlStage.run(dir, ctx.actors(), warm, examples, stages.rl(), cfg.seed());
          Map<String, Object> f = figures(s);
          f.put("examples", examples.size());
          f.put("variant", stages.rl().variant().name());
          reports.add(new StageReport("rl", secs(t0), f));
        } finally {
          critic.ifPresent(Critic::close);
        }
      }
    }
    return reports;
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
      return new LinkedHashMap<>(StageDir.mapper().readValue(dir.resolve("summary.json").toFile(), Map.class));
    } catch (java.io.IOException e) {
      return new LinkedHashMap<>();
    }
  }

  /** A plain table of stage reports. */
  public static String table(List<StageReport> reports) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %9s  %s%n", "stage", "wall s", "figures"));
    for (StageReport r : reports) {
      sb.append(String.format(Locale.ROOT, "%-10s %9.1f  %s%n", r.stage(), r.wallSeconds(), r.figures()));
    }
    return sb.toString();
  }
}
