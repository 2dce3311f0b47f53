package dev.coderl4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import dev.coderl4j.core.config.JsonOption;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.core.provenance.Provenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl bench spark}: the spark runner at {@code local[1]} and {@code local[2]} against the
 * plain inner runner on the same MBPP job set, in one run, as throughput ratios; plus the fixed
 * cost of a Spark job (one trivial job through Spark, less the same job run plainly) and of
 * starting a context.
 *
 * <p>Every runner is warmed up on the first jobs before it is timed (worker JVMs started, the
 * executor's inner runner made), so the ratios compare steady states; and every run's outcomes are
 * checked against the plain run's, so a figure never comes from a run that went wrong.
 */
@Command(
    name = "spark",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks the spark runner (local[1], local[2]) against the plain runner it wraps.")
public final class BenchSparkCommand implements Callable<Integer> {
  @Option(
      names = "--jobs",
      defaultValue = "240",
      description = "MBPP jobs (references and their mutants) (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(
      names = "--runner-params",
      paramLabel = "JSON",
      defaultValue = "{\"type\": \"graalpy\"}",
      description = "The inner runner as {type, params} (default: ${DEFAULT-VALUE}).")
  String inner;

  @Option(
      names = "--masters",
      split = ",",
      defaultValue = "local[1],local[2]",
      description = "Spark masters to compare (default: ${DEFAULT-VALUE}).")
  List<String> masters;

  @Option(
      names = "--jobs-per-task",
      defaultValue = "16",
      description = "As the runner's param (default: ${DEFAULT-VALUE}).")
  int jobsPerTask;

  @Option(
      names = "--overhead-runs",
      defaultValue = "7",
      description = "Trivial jobs timed for the overhead (median).")
  int overheadRuns;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where results go (default: results/bench-spark-<time>).")
  Path outDir;

  private final ObjectMapper mapper = new ObjectMapper();
  private final Injector injector;

  /** The command, with the CLI's injector (for the runner and benchmark plugins). */
  public BenchSparkCommand(Injector injector) {
    this.injector = injector;
  }

  /** One runner's figures. */
  private record Run(
      String runner,
      double startSeconds,
      double wallSeconds,
      double trivialMillis,
      double bareSparkJobMillis,
      List<String> differing) {
    int mismatches() {
      return differing.size();
    }
  }

  @Override
  public Integer call() throws Exception {
    PluginResolver resolver = injector.getInstance(PluginResolver.class);
    PluginSpec innerSpec =
        mapper.treeToValue(
            JsonOption.object("--runner-params", inner, "{\"type\": \"graalpy\"}"),
            PluginSpec.class);
    List<ExecutionJob> set = MbppJobs.first(resolver, jobs);
    List<ExecutionJob> warm = set.subList(0, Math.min(16, set.size()));
    ExecutionJob trivial =
        new ExecutionJob("trivial", "x = 1\n", new TestSuite.Asserts("", List.of("assert x == 1")));
    Path dir =
        outDir != null
            ? outDir
            : Path.of("results", "bench-spark-" + Instant.now().toString().replace(':', '-'));
    Files.createDirectories(dir);

    double loadStart = load();
    List<Run> runs = new ArrayList<>();
    long t0 = System.nanoTime();
    List<ExecutionResult> baseline;
    try (ProgramRunner plain = resolver.create(ProgramRunner.class, innerSpec)) {
      double start = seconds(t0);
      plain.runAll(warm, ProgramRunner.RunListener.NONE);
      double overhead = medianMillis(plain, trivial);
      long t = System.nanoTime();
      baseline = plain.runAll(set, ProgramRunner.RunListener.NONE);
      runs.add(new Run(innerSpec.type(), start, seconds(t), overhead, Double.NaN, List.of()));
    }
    for (String master : masters) {
      long s0 = System.nanoTime();
      SparkParams params = new SparkParams(master, innerSpec, jobsPerTask, null, null, null);
      try (SparkRunner spark = new SparkRunner(params)) {
        double start = seconds(s0);
        spark.runAll(warm, ProgramRunner.RunListener.NONE);
        double overhead = medianMillis(spark, trivial);
        long t = System.nanoTime();
        List<ExecutionResult> got = spark.runAll(set, ProgramRunner.RunListener.NONE);
        double wall = seconds(t);
        // Named with both results' details, to tell a timeout on a loaded machine from a bug.
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
          ExecutionResult b = baseline.get(i);
          ExecutionResult g = got.get(i);
          if (!g.outcome().equals(b.outcome())) {
            differing.add(
                set.get(i).id()
                    + ": plain "
                    + b.outcome()
                    + " ("
                    + b.millis()
                    + " ms, "
                    + b.detail()
                    + ") vs spark "
                    + g.outcome()
                    + " ("
                    + g.millis()
                    + " ms, "
                    + g.detail()
                    + ")");
          }
        }
        runs.add(new Run("spark " + master, start, wall, overhead, bareJobMillis(), differing));
      }
    }
    write(dir, runs, set.size(), innerSpec, loadStart, load());
    return runs.stream().allMatch(r -> r.mismatches() == 0) ? 0 : 1;
  }

  private double medianMillis(ProgramRunner runner, ExecutionJob job) {
    return medianMillis(() -> runner.runAll(List.of(job), ProgramRunner.RunListener.NONE));
  }

  /** Spark's own cost of a job, on the running context: one element counted, no runner. */
  private double bareJobMillis() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkContext.getOrCreate());
    return medianMillis(() -> jsc.parallelize(List.of(1), 1).count());
  }

  private double medianMillis(Runnable what) {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < Math.max(1, overheadRuns); i++) {
      long t = System.nanoTime();
      what.run();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    ms.sort(null);
    return ms.get(ms.size() / 2);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /** The machine's one-minute load average: other processes share the cores. */
  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private void write(
      Path dir, List<Run> runs, int n, PluginSpec innerSpec, double loadStart, double loadEnd)
      throws Exception {
    Run base = runs.getFirst();
    double baseRate = n / base.wallSeconds();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("jobs", n);
    config.put("runner", mapper.convertValue(innerSpec, Map.class));
    config.put("masters", masters);
    config.put("jobsPerTask", jobsPerTask);
    config.put("cores", Runtime.getRuntime().availableProcessors());
    config.put("loadAverageAtStart", loadStart);
    config.put("loadAverageAtEnd", loadEnd);
    Provenance p = Provenance.capture("coderl bench spark", config, 0);
    ObjectNode o = mapper.createObjectNode();
    o.set(
        "provenance",
        mapper.valueToTree(
            Map.of(
                "command",
                p.command(),
                "config",
                p.config(),
                "gitCommit",
                p.gitCommit(),
                "versions",
                p.versions(),
                "createdAt",
                p.createdAt().toString())));
    ArrayNode rows = o.putArray("runs");
    StringBuilder md =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%d MBPP jobs, %d cores; throughput as a ratio of the plain %s runner's"
                    + " in this run; load average %.1f at the start, %.1f at the end%n%n"
                    + "| runner | start s | jobs/s | ratio | one trivial job, ms"
                    + " | overhead vs plain, ms | bare Spark job, ms | outcomes differing |%n"
                    + "|---|---|---|---|---|---|---|---|%n",
                n,
                Runtime.getRuntime().availableProcessors(),
                base.runner(),
                loadStart,
                loadEnd));
    for (Run r : runs) {
      double rate = n / r.wallSeconds();
      ObjectNode row = rows.addObject();
      row.put("runner", r.runner());
      row.put("startSeconds", r.startSeconds());
      row.put("wallSeconds", r.wallSeconds());
      row.put("jobsPerSecond", rate);
      row.put("ratio", rate / baseRate);
      row.put("trivialJobMillis", r.trivialMillis());
      row.put("overheadMillis", r.trivialMillis() - base.trivialMillis());
      if (!Double.isNaN(r.bareSparkJobMillis())) {
        row.put("bareSparkJobMillis", r.bareSparkJobMillis());
      }
      row.put("outcomesDiffering", r.mismatches());
      r.differing().forEach(row.putArray("differing")::add);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.2f | %.0f | %.0f | %s | %d |%n",
              r.runner(),
              r.startSeconds(),
              rate,
              rate / baseRate,
              r.trivialMillis(),
              r.trivialMillis() - base.trivialMillis(),
              Double.isNaN(r.bareSparkJobMillis())
                  ? "-"
                  : String.format(Locale.ROOT, "%.0f", r.bareSparkJobMillis()),
              r.mismatches()));
    }
    Files.writeString(
        dir.resolve("results.json"),
        mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n",
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("results.md"), md.toString(), StandardCharsets.UTF_8);
    System.out.print(md);
    System.out.println("\nwritten to " + dir);
  }
}
