package dev.coderl4j.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.train.GenerateFromConfig;
import dev.coderl4j.cli.train.RunContext;
import dev.coderl4j.cli.train.TrainPipeline;
import dev.coderl4j.core.config.ConfigLoader;
import dev.coderl4j.core.config.GenerateConfig;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.core.training.CriticSampling;
import dev.coderl4j.core.training.CriticStage;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.core.training.TrainingLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl quickstart [--out DIR]}: warm-start the embedded CodeT5 on MBPP's training split,
 * sample and execute, train the critics, run RL (variant D), then evaluate on a fixed subset of
 * MBPP's test split with plain sampling and with Critic Sampling, and write {@code DIR/report.json}.
 *
 * <p>The sizes live in {@code configs/quickstart.yaml}; they are chosen to finish in about ten
 * minutes on two CPU cores, so the numbers are small, but every one is measured.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = {"CodeRL end to end on the embedded small CodeT5 and MBPP, on CPU (about 5 minutes on 2 cores).",
        "Writes DIR/report.json with pass@k with and without Critic Sampling."})
public final class QuickstartCommand implements Callable<Integer> {
  @Option(names = "--out", description = "Output directory (default: runs/quickstart).")
  Path out = Path.of("runs/quickstart");

  @Option(names = "--config", description = "The quick start's config (default: configs/quickstart.yaml).")
  Path config;

  @Option(names = "--set", description = "Override a config value: key.path=yaml.")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Path cfgFile = config != null ? config : home().resolve("configs/quickstart.yaml");
    List<String> all = new ArrayList<>(overrides);
    all.add("out=" + out);
    RunConfig cfg = new ConfigLoader().load(cfgFile, all);
    GenerateConfig gen = cfg.stages().generate();
    if (gen == null) {
      throw new IllegalArgumentException(cfgFile + ": the quick start needs stages.generate (the evaluation subset)");
    }
    Map<String, Object> report = new LinkedHashMap<>();
    try (RunContext ctx = new RunContext(cfg)) {
      ctx.validate();
      List<TrainPipeline.StageReport> stages = new TrainPipeline(ctx, System.out).run(java.util.Set.of());
      System.out.print(TrainPipeline.table(stages));

      // The same base sampler and seed for both, so Critic Sampling's first round is plain sampling's sample.
      GenerateFromConfig.Result plain = GenerateFromConfig.run(ctx, gen, null, "generate/sampling.jsonl", System.out);
      Map<String, Object> plainEval = GenerateFromConfig.evaluate(ctx, plain, ks(gen.samplesPerProblem()));

      Path binary = TrainingLoop.finalCheckpoint(new StageDir(ctx.stage("critic").resolve(CriticStage.dirName(LabelSet.BINARY))));
      ObjectNode params = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      params.set("base", StageDir.mapper().valueToTree(gen.decoding()));
      JsonNode criticParams = cfg.critic().params();
      ((ObjectNode) criticParams).put("checkpoint", binary.toString()).put("labels", LabelSet.BINARY.name());
      ObjectNode critic = params.putObject("critic");
      critic.put("type", cfg.critic().type());
      critic.set("params", criticParams);
      params.put("rounds", 1);
      DecodingStrategy cs = ctx.decoding(new PluginSpec("critic-sampling", params));
      GenerateFromConfig.Result guided;
      try {
        guided = GenerateFromConfig.run(ctx, gen, cs, "generate/critic_sampling.jsonl", System.out);
      } finally {
        if (cs instanceof AutoCloseable c) {
          c.close();
        }
      }
      Map<String, Object> csEval = GenerateFromConfig.evaluate(ctx, guided, ks(gen.samplesPerProblem()));

      Map<String, Object> pass = new LinkedHashMap<>();
      pass.put("sampling", plainEval.get("pass_at_k"));
      pass.put("critic_sampling", csEval.get("pass_at_k"));
      Map<String, Object> ci = new LinkedHashMap<>();
      ci.put("sampling", plainEval.get("ci95"));
      ci.put("critic_sampling", csEval.get("ci95"));
      report.put("pass_at_k", pass);
      report.put("ci95", ci);
      report.put("evaluation", Map.of("sampling", plainEval, "critic_sampling", csEval));
      report.put("critic_sampling_rounds", roundSummary(guided));
      report.put("generation_tokens_per_second", Map.of(
          "sampling", plain.tokens() / Math.max(plain.seconds(), 1e-9),
          "critic_sampling", guided.tokens() / Math.max(guided.seconds(), 1e-9)));
      report.put("stages", stages);
      for (LabelSet labels : LabelSet.values()) {
        Path eval = ctx.stage("critic").resolve(CriticStage.dirName(labels)).resolve("eval.json");
        if (Files.exists(eval)) {
          report.put("critic_" + CriticStage.dirName(labels), StageDir.mapper().readTree(eval.toFile()));
        }
      }
      double wall = (System.nanoTime() - start) / 1e9;
      report.put("wall_seconds", wall);
      report.put("provenance", StageDir.provenanceMap(Provenance.capture("coderl quickstart", ctx.configMap(), cfg.seed())));
      new StageDir(out).writeJson("report.json", report);
      System.out.println();
      System.out.print(table(plainEval, csEval));
      System.out.printf(Locale.ROOT, "wall time %.0f s; report: %s%n", wall, out.resolve("report.json"));
    } catch (Exception e) {
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e);
    }
    return 0;
  }

  private static Path home() {
    String h = System.getProperty("coderl.home");
    return h == null ? Path.of("") : Path.of(h);
  }

  /** 1, 2, 4, ... up to n, and n. */
  static List<Integer> ks(int n) {
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
      for (CriticSampling.Round round : g.rounds()) {
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
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-8s %12s %16s%n", "pass@k", "sampling", "critic sampling"));
    for (String k : a.keySet()) {
      sb.append(String.format(Locale.ROOT, "%-8s %11.2f%% %15.2f%%%n", "k=" + k, 100 * (Double) a.get(k),
          100 * (Double) b.getOrDefault(k, Double.NaN)));
    }
    sb.append(String.format(Locale.ROOT, "problems: %s, solved by any program: %s (sampling) / %s (critic sampling)%n",
        plain.get("problems"), plain.get("problems_solved"), cs.get("problems_solved")));
    return sb.toString();
  }
}
