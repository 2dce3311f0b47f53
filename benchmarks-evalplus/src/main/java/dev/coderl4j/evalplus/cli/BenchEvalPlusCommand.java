package dev.coderl4j.evalplus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.config.JsonOption;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionLimits;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.evalplus.Weakened;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl bench evalplus}: the GraalPy runner against the CPython runner on one HumanEval+
 * (or MBPP+) sample set, in one run, as a ratio of wall times.
 *
 * <p>Each task gets {@code --per-task} programs, mixed: the canonical solution (passes every base
 * and plus input), the solution weakened to answer only its base inputs ({@link Weakened}: passes
 * base, fails at the first plus input) and a wrong one (returns {@code None}: fails at the first
 * base input), in the ratio 5 : 3 : 2 for 10. Both runners get the benchmark's limits and the same
 * workers; their outcomes are compared job by job.
 */
@Command(
    name = "evalplus",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks graalpy against cpython on a HumanEval+ or MBPP+ sample set (ratios in one"
            + " run).")
public final class BenchEvalPlusCommand implements Callable<Integer> {
  private final Injector injector;

  /** The command, with the CLI's injector (for the benchmark and runner plugins). */
  public BenchEvalPlusCommand(Injector injector) {
    this.injector = injector;
  }

  @Option(
      names = "--benchmark",
      defaultValue = "humaneval-plus",
      description = "humaneval-plus or mbpp-plus (default: ${DEFAULT-VALUE}).")
  String benchmark;

  @Option(
      names = "--benchmark-params",
      defaultValue = "{}",
      description = "The benchmark's params as JSON.")
  String benchmarkParams;

  @Option(
      names = "--per-task",
      defaultValue = "10",
      description = "Programs per task (default: ${DEFAULT-VALUE}).")
  int perTask;

  @Option(
      names = "--tasks",
      defaultValue = "0",
      description = "Use only the first N tasks (0: all).")
  int tasks;

  @Option(
      names = "--workers",
      defaultValue = "2",
      description = "Programs at once per runner (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--backends",
      split = ",",
      defaultValue = "cpython,graalpy",
      description = "Runners, the first is the baseline (default: ${DEFAULT-VALUE}).")
  List<String> backends;

  @Option(
      names = "--graalpy-params",
      defaultValue = "{}",
      description = "More params of the graalpy runner as JSON.")
  String graalpyParams;

  @Option(
      names = "--mix",
      split = ",",
      description =
          "The kinds of program per task, cycled: canonical, base-only, wrong"
              + " (default: 5 canonical, 3 base-only, 2 wrong in every 10).")
  List<String> mix;

  @Option(
      names = "--write-samples",
      paramLabel = "FILE",
      description =
          "Write the programs as an EvalPlus samples file ({task_id, solution, kind}) and stop.")
  Path writeSamples;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where results go (default: results/bench-evalplus-<time>).")
  Path outDir;

  @Override
  public Integer call() throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    PluginResolver resolver = injector.getInstance(PluginResolver.class);
    Benchmark bench =
        resolver.create(
            Benchmark.class,
            new PluginSpec(
                benchmark,
                JsonOption.object("--benchmark-params", benchmarkParams, "{\"path\": \"...\"}")));
    List<Problem> problems = bench.problems();
    if (tasks > 0) {
      problems = problems.subList(0, Math.min(tasks, problems.size()));
    }
    List<ExecutionJob> jobs = new ArrayList<>();
    List<String> samples = new ArrayList<>();
    Map<String, String> kinds = new LinkedHashMap<>();
    for (Problem p : problems) {
      for (int i = 0; i < perTask; i++) {
        String kind =
            mix != null && !mix.isEmpty()
                ? mix.get(i % mix.size())
                : i % 10 < 5 ? "canonical" : i % 10 < 8 ? "base-only" : "wrong";
        String program =
            switch (kind) {
              case "canonical" -> p.solutions().getFirst();
              case "base-only" -> Weakened.baseOnly(p);
              case "wrong" ->
                  p.solutions().getFirst()
                      + "\n\ndef "
                      + p.metadata().get("entry_point")
                      + "(*args):\n    return None\n";
              default ->
                  throw new IllegalArgumentException(
                      "--mix: unknown kind '" + kind + "'; known: canonical, base-only, wrong");
            };
        if (writeSamples != null) {
          samples.add(
              mapper
                  .copy()
                  .disable(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(
                      Map.of("task_id", p.id(), "solution", program, "kind", kind)));
          continue;
        }
        String id = p.id() + "#" + i + ":" + kind;
        kinds.put(id, kind);
        jobs.add(bench.job(id, p, program, p.hiddenTests()));
      }
    }
    if (writeSamples != null) {
      Files.write(writeSamples, samples);
      System.out.println("wrote " + samples.size() + " samples to " + writeSamples);
      return 0;
    }
    Path dir =
        outDir != null
            ? outDir
            : Path.of("results", "bench-evalplus-" + Instant.now().toString().replace(':', '-'));
    Files.createDirectories(dir);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("benchmark", benchmark);
    config.put("tasks", problems.size());
    config.put("perTask", perTask);
    config.put("workers", workers);
    config.put("backends", backends);
    config.put("graalpyParams", graalpyParams);
    Provenance prov = Provenance.capture("coderl bench evalplus", config, 0);
    ObjectNode report = mapper.createObjectNode();
    report.set("config", mapper.valueToTree(config));
    report.put("git_commit", prov.gitCommit());
    report.set("versions", mapper.valueToTree(prov.versions()));
    report.put("created_at", prov.createdAt().toString());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("jobs", jobs.size());
    report.put("tests", jobs.stream().mapToLong(j -> j.tests().size()).sum());
    ObjectNode results = report.putObject("runners");
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-10s %6s %9s %8s %10s %9s %9s%n",
                "runner",
                "jobs",
                "wall s",
                "runs/s",
                "vs " + backends.getFirst(),
                "passed",
                "agree"));
    List<ExecutionResult> baseline = null;
    double baseSeconds = 0;
    for (String backend : backends) {
      ObjectNode params =
          backend.equals("graalpy")
              ? JsonOption.object("--graalpy-params", graalpyParams, "{\"compilation\": \"jit\"}")
              : mapper.createObjectNode();
      params.put("workers", workers);
      bench.limits().ifPresent(l -> put(params, l));
      System.err.println("bench evalplus: " + jobs.size() + " jobs under " + backend);
      List<ExecutionResult> rs;
      long start = System.nanoTime();
      try (ProgramRunner runner =
              resolver.create(ProgramRunner.class, new PluginSpec(backend, params));
          Progress progress = Progress.stderr(backend, jobs.size())) {
        rs = runner.runAll(jobs, (i, r) -> progress.advance(1));
      }
      double secs = (System.nanoTime() - start) / 1e9;
      if (baseline == null) {
        baseline = rs;
        baseSeconds = secs;
      }
      int agree = 0;
      List<String> differ = new ArrayList<>();
      Map<String, Integer> passedByKind = new LinkedHashMap<>();
      for (int i = 0; i < rs.size(); i++) {
        ExecutionResult r = rs.get(i);
        if (r.outcome().label().equals(baseline.get(i).outcome().label())) {
          agree++;
        } else if (differ.size() < 20) {
          differ.add(
              r.jobId() + ": " + r.outcome().label() + " vs " + baseline.get(i).outcome().label());
        }
        passedByKind.merge(kinds.get(r.jobId()), r.passed() ? 1 : 0, Integer::sum);
      }
      long passed = rs.stream().filter(ExecutionResult::passed).count();
      ObjectNode o = results.putObject(backend);
      o.put("wall_seconds", secs);
      o.put("runs_per_second", jobs.size() / secs);
      o.put("ratio_to_baseline", baseSeconds / secs);
      o.put("passed", passed);
      o.set("passed_by_kind", mapper.valueToTree(passedByKind));
      o.put("agreement_with_baseline", agree + "/" + rs.size());
      o.set("disagreements", mapper.valueToTree(differ));
      table.append(
          String.format(
              Locale.ROOT,
              "%-10s %6d %9.1f %8.2f %9.2fx %9d %9s%n",
              backend,
              jobs.size(),
              secs,
              jobs.size() / secs,
              baseSeconds / secs,
              passed,
              agree + "/" + rs.size()));
      // Written after each runner: a long run never loses finished work.
      Files.writeString(
          dir.resolve("bench-evalplus.json"), mapper.writeValueAsString(report) + "\n");
      Files.writeString(dir.resolve("bench-evalplus.txt"), table.toString());
    }
    System.out.print(table);
    System.out.println("Both runners in this JVM with the benchmark's limits; results in " + dir);
    return 0;
  }

  private static void put(ObjectNode params, ExecutionLimits l) {
    params.put("timeoutSeconds", l.perTestTimeout().toMillis() / 1000.0);
    params.put("programTimeoutSeconds", l.perProgramTimeout().toMillis() / 1000.0);
    params.put("maxMemoryMb", l.maxMemoryMb());
  }
}
