package dev.coderl4j.cli.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.JsonOption;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.metrics.Bootstrap;
import dev.coderl4j.core.metrics.Metrics;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.provenance.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl evaluate}: scores a samples file on a benchmark with pass@k and n@k (§4).
 *
 * <p>Writes into {@code --out}: {@code results.jsonl} (one record per sample and test suite,
 * appended as runs finish; rerunning the same command resumes it), {@code summary.json},
 * {@code summary.md} and {@code pass_at_k.png}.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = "Score a samples file (human-eval/EvalPlus layout) on APPS, MBPP or HumanEval with pass@k and n@k.")
public final class EvaluateCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(names = "--benchmark", required = true,
      description = "The benchmark: apps, mbpp, mbpp-sanitized or humaneval.")
  String benchmark;

  @Option(names = "--benchmark-params", defaultValue = "{}",
      description = "The benchmark's params as JSON, e.g. '{\"split\": \"all\"}' for mbpp or "
          + "'{\"dataset\": \"train\", \"comparison\": \"apps-compatible\"}' for apps (default: ${DEFAULT-VALUE}).")
  String benchmarkParams;

  @Option(names = "--samples", required = true,
      description = "JSON Lines: {\"task_id\", \"completion\"} or {\"task_id\", \"solution\"} per line.")
  Path samples;

  @Option(names = "--k", split = ",", defaultValue = "1,5,10,80",
      description = "The k of pass@k (default: ${DEFAULT-VALUE}).")
  List<Integer> ks;

  @Option(names = "--n", split = ",", defaultValue = "1,5",
      description = "The n of n@k with example-test filtering (default: ${DEFAULT-VALUE}).")
  List<Integer> ns;

  @Option(names = "--format",
      description = "The prompt format whose extraction turns a completion into a program "
          + "(default: the benchmark's: coderl-apps, mbpp-apps, humaneval).")
  String format;

  @Option(names = "--out", defaultValue = "runs/evaluate",
      description = "Output folder; an existing run there is resumed (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--backend", defaultValue = "graalpy",
      description = "The program runner: graalpy or cpython (default: ${DEFAULT-VALUE}).")
  String backend;

  @Option(names = "--runner-params", defaultValue = "{}",
      description = "More params of the runner as JSON, e.g. '{\"compilation\": \"interpreter\"}' for graalpy"
          + " on sets of short programs (faster; docs/execution.md) (default: ${DEFAULT-VALUE}).")
  String runnerParams;

  @Option(names = "--workers", description = "Runner workers (default: the runner's, one per core).")
  Integer workers;

  @Option(names = "--timeout", description = "Seconds per test (default: the runner's, APPS' 4 s).")
  Double timeout;

  @Option(names = "--bootstrap", defaultValue = "1000",
      description = "Bootstrap resamples for the 95%% intervals (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "0", description = "Seeds the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Function<PluginResolver, ProgramRunner> runnerFactory;

  /** The command as the CLI runs it: the runner comes from the {@code --backend} plugin. */
  public EvaluateCommand() {
    this.runnerFactory = null;
  }

  /** A command that takes its runner from {@code runnerFactory} (tests). */
  public EvaluateCommand(Function<PluginResolver, ProgramRunner> runnerFactory) {
    this.runnerFactory = runnerFactory;
  }

  @Override
  public Integer call() throws Exception {
    PluginResolver resolver = Wiring.injector().getInstance(PluginResolver.class);
    JsonNode bparams = JsonOption.object("--benchmark-params", benchmarkParams, "{\"split\": \"test\"}");
    Benchmark bench = resolver.create(Benchmark.class, new PluginSpec(benchmark, bparams));
    String formatName = format != null ? format : bench.defaultPromptFormat();
    PromptFormat fmt = resolver.create(PromptFormat.class, PluginSpec.of(formatName));
    Metrics metrics = new Metrics(ks, ns, new Bootstrap(bootstrap, 0.95, seed));
    List<Sample> all = SamplesFile.read(samples, bench, fmt);
    Files.createDirectories(out);

    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("benchmark", benchmark);
    identity.put("benchmark_params", MAPPER.convertValue(bparams, Map.class));
    identity.put("format", formatName);
    identity.put("backend", backend);
    Map<String, Object> config = new LinkedHashMap<>(identity);
    config.put("samples", samples.toString());
    config.put("k", ks);
    config.put("n", ns);
    config.put("workers", workers);
    config.put("timeout", timeout);
    config.put("runner_params", runnerParams);
    config.put("bootstrap", bootstrap);
    Map<String, Object> provenance = provenanceMap(Provenance.capture("coderl evaluate", config, seed));

    Evaluator evaluator = new Evaluator(bench);
    int ran;
    long start = System.nanoTime();
    try (ResultsLog log = new ResultsLog(out.resolve("results.jsonl"), identity, Map.of("provenance", provenance))) {
      int before = log.done().size();
      if (before > 0) {
        spec.commandLine().getErr().println("evaluate: resuming " + out + " (" + before + " runs already recorded)");
      }
      try (ProgramRunner runner = runner(resolver, bench)) {
        ran = evaluator.runAll(all, runner, log);
      }
      double secs = (System.nanoTime() - start) / 1e9;
      var records = log.all();
      Map<String, Long> outcomes = new TreeMap<>();
      records.values().stream().filter(r -> r.suite().equals(SampleResult.HIDDEN))
          .forEach(r -> outcomes.merge(r.outcome(), 1L, Long::sum));
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("benchmark", benchmark);
      context.put("benchmark_params", identity.get("benchmark_params"));
      context.put("format", formatName);
      context.put("samples_file", samples.toString());
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("backend", backend);
      run.put("workers", workers);
      run.put("runs_this_invocation", ran);
      run.put("runs_resumed", before);
      run.put("wall_seconds", secs);
      run.put("runs_per_second", ran / Math.max(secs, 1e-9));
      context.put("run", run);
      context.put("provenance", provenance);
      List<String> missing = evaluator.withoutSamples(all);
      if (!missing.isEmpty()) {
        spec.commandLine().getErr().println("evaluate: " + missing.size() + " task(s) have no samples"
            + (bench.scoresEveryProblem() ? " and count as failed" : " and are not scored") + ": "
            + String.join(", ", missing));
      }
      Summary summary = Summary.of(evaluator.counts(all, records), evaluator.groupCounts(all, records),
          missing, metrics, context, outcomes, bench.problems().size(),
          List.of("introductory", "interview", "competition", "Easy", "Medium", "Hard"));
      summary.write(out, "coderl evaluate: " + benchmark + " (" + samples.getFileName() + ")");
      spec.commandLine().getOut().print(summary.markdown("coderl evaluate: " + benchmark));
      spec.commandLine().getOut().printf(java.util.Locale.ROOT,
          "%d runs in %.1f s (%.1f runs/s); results in %s%n", ran, secs, ran / Math.max(secs, 1e-9), out);
    }
    return 0;
  }

  private ProgramRunner runner(PluginResolver resolver, Benchmark bench) {
    if (runnerFactory != null) {
      return runnerFactory.apply(resolver);
    }
    ObjectNode params = JsonOption.object("--runner-params", runnerParams, "{\"compilation\": \"interpreter\"}");
    if (workers != null) {
      params.put("workers", workers);
    }
    if (timeout != null) {
      params.put("timeoutSeconds", timeout);
    }
    // The benchmark's own limits (EvalPlus: 4 GiB, per-test limits from the reference's times)
    // fill in what the user did not set.
    bench.limits().ifPresent(l -> {
      if (!params.has("timeoutSeconds")) {
        params.put("timeoutSeconds", l.perTestTimeout().toMillis() / 1000.0);
      }
      if (!params.has("programTimeoutSeconds")) {
        params.put("programTimeoutSeconds", l.perProgramTimeout().toMillis() / 1000.0);
      }
      if (!params.has("maxMemoryMb")) {
        params.put("maxMemoryMb", l.maxMemoryMb());
      }
    });
    return resolver.create(ProgramRunner.class, new PluginSpec(backend, params));
  }

  static Map<String, Object> provenanceMap(Provenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", p.command());
    m.put("config", p.config());
    m.put("seed", p.seed());
    m.put("git_commit", p.gitCommit());
    m.put("versions", p.versions());
    m.put("created_at", p.createdAt().toString());
    return m;
  }
}
