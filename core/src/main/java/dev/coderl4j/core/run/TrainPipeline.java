package dev.coderl4j.core.run;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.config.StagesConfig;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.problem.Problem;
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
 * held open while the stages run; each stage encodes the problems with its own token limits
 * ({@code warmstart.maxSourceTokens}/{@code maxTargetTokens}, {@code sample.maxSourceTokens},
 * {@code rl.maxSourceTokens}/{@code maxTargetTokens}; the critic reads the sample stage's prompts
 * and truncates with its own params).
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
        Tasks codec = new Tasks(format, tok, stages.warmstart().maxSourceTokens(),
            stages.warmstart().maxTargetTokens());
        TrainingLoop.Summary s = WarmStartStage.run(dir, ctx.actors(), Optional.empty(),
            codec.encode(problems, perProblem), stages.warmstart(), cfg.seed());
        reports.add(new StageReport("warmstart", secs(t0), figures(s)));
      }
      Optional<Path> warm = finished("warmstart");

      // The sample stage's prompts are the ones the critic and (through the samples) RL read.
      Tasks sampleCodec = new Tasks(format, tok, stages.sample() != null
          ? stages.sample().maxSourceTokens() : Integer.MAX_VALUE, Integer.MAX_VALUE);
      List<TrainingTask> sampleTasks = sampleCodec.encode(problems, perProblem);
      if (stages.sample() != null && want(only, "sample")) {
        StageDir dir = begin("sample");
        long t0 = System.nanoTime();
        try (DecodingStrategy sampler = ctx.decoding(stages.sample().decoding());
            DecodingStrategy baseline = ctx.decoding(stages.sample().baseline())) {
          List<SampleRecord> recs = SampleStage.run(dir, ctx.actors(), warm, sampleTasks,
              stages.sample(), sampler, baseline, sampleCodec, benchmark, ctx.runner(), cfg.seed());
          Map<String, Object> f = readSummary(dir);
          f.put("records", recs.size());
          reports.add(new StageReport("sample", secs(t0), f));
        }
      }
      List<SampleRecord> samples = SampleStage.records(ctx.stage("sample"));

      if (stages.critic() != null && want(only, "critic")) {
        StageDir dir = begin("critic");
        long t0 = System.nanoTime();
        CriticStage.Result r = CriticStage.run(dir, ctx.critics(), sampleTasks, samples,
            sampleCodec, stages.critic(), cfg.seed());
        Map<String, Object> f = new LinkedHashMap<>();
        r.training().forEach((labels, s) ->
            f.put(CriticStage.dirName(labels) + ".samplesPerSecond", s.perSecond()));
        r.heldOut().forEach((labels, e) -> {
          f.put(CriticStage.dirName(labels) + ".heldOutAccuracy", e.accuracy());
          f.put(CriticStage.dirName(labels) + ".majorityAccuracy", e.majorityAccuracy());
          f.put(CriticStage.dirName(labels) + ".ece", e.expectedCalibrationError());
          log.printf(Locale.ROOT, "critic %s on held-out samples:%n%s%n", CriticStage.dirName(labels),
              CriticStage.describe(e));
        });
        reports.add(new StageReport("critic", secs(t0), f));
      }

      if (stages.rl() != null && want(only, "rl")) {
        StageDir dir = begin("rl");
        long t0 = System.nanoTime();
        Tasks rlCodec = new Tasks(format, tok, stages.rl().maxSourceTokens(),
            stages.rl().maxTargetTokens());
        List<TrainingTask> rlTasks = rlCodec.encode(problems, perProblem);
        List<RlExample> examples;
        if (stages.rl().variant().usesCritic()) {
          Path ckpt = TrainingLoop.finalCheckpoint(new StageDir(ctx.stage("critic")
              .resolve(CriticStage.dirName(LabelSet.FOUR_CLASS))));
          try (Critic critic = ctx.critics().open(LabelSet.FOUR_CLASS, Optional.of(ckpt))) {
            examples = RlStage.examples(rlTasks, samples, rlCodec, ctx.reward(), stages.rl(),
                Optional.of(critic));
          }
        } else {
          examples = RlStage.examples(rlTasks, samples, rlCodec, ctx.reward(), stages.rl(),
              Optional.empty());
        }
        TrainingLoop.Summary s = RlStage.run(dir, ctx.actors(), warm, examples, stages.rl(),
            cfg.seed());
        Map<String, Object> f = figures(s);
        f.put("examples", examples.size());
        f.put("variant", stages.rl().variant().name());
        reports.add(new StageReport("rl", secs(t0), f));
      }
    }
    return reports;
  }

  private Optional<Path> finished(String stage) {
    StageDir dir = ctx.stage(stage);
    return dir.state().map(StageDir.State::done).orElse(false)
        ? Optional.of(TrainingLoop.finalCheckpoint(dir)) : Optional.empty();
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
    StringBuilder sb = new StringBuilder(
        String.format(Locale.ROOT, "%-10s %9s  %s%n", "stage", "wall s", "figures"));
    for (StageReport r : reports) {
      sb.append(String.format(Locale.ROOT, "%-10s %9.1f  %s%n", r.stage(), r.wallSeconds(),
          r.figures()));
    }
    return sb.toString();
  }
}
