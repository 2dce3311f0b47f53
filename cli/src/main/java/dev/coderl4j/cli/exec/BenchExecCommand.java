package dev.coderl4j.cli.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.JsonOption;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.JobLines;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.polyglot.Mutants;
import dev.coderl4j.polyglot.cpython.CPythonParams;
import dev.coderl4j.polyglot.cpython.CPythonRunner;
import dev.coderl4j.polyglot.graalpy.GraalPyParams;
import dev.coderl4j.polyglot.graalpy.GraalPyRunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl bench exec}: GraalPy against CPython on MBPP solutions and their mutants, reported
 * as ratios against the CPython process-per-job baseline measured in the same run.
 *
 * <p>The GraalPy figure is the whole {@code coderl exec} command, JVM start included (it runs as
 * a child process); the CPython figures are measured inside this JVM and exclude its start, which
 * favours CPython. Jobs that time out (endless-loop mutants) and jobs that do not are run and
 * reported separately, since the former measure the timeout, not the runner.
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = "Benchmarks the program runners: graalpy vs CPython per-job processes vs a persistent CPython.")
public final class BenchExecCommand implements Callable<Integer> {
  @Option(names = "--mbpp", paramLabel = "FILE", description = "MBPP jsonl (default: the copy in polyglot-runner's test resources).")
  Path mbpp;

  @Option(names = "--loops", defaultValue = "12", description = "Endless-loop mutants in the timeout set (default: ${DEFAULT-VALUE}).")
  int loops;

  @Option(names = "--timeout", defaultValue = "4", description = "Seconds per test (default: ${DEFAULT-VALUE}).")
  double timeout;

  @Option(names = "--trivial", defaultValue = "200",
      description = "Jobs in the per-job overhead set (x = 1; assert x == 1) (default: ${DEFAULT-VALUE}).")
  int trivial;

  @Option(names = "--workers", defaultValue = "0", description = "Programs at once (default: one per core).")
  int workers;

  @Option(names = "--limit", defaultValue = "0", description = "Use only the first N non-timeout jobs (0: all).")
  int limit;

  @Option(names = "--graalpy-params", paramLabel = "JSON",
      description = "Params of the graalpy runner under test, as for `coderl exec --graalpy-params`.")
  String graalpyParams;

  @Option(names = "--modes", split = ",", defaultValue = "jit,interpreter",
      description = "GraalPy compilation modes to run, each as its own `coderl exec` (default: ${DEFAULT-VALUE}).")
  List<String> modes;

  @Option(names = "--out", paramLabel = "DIR", description = "Where results go (default: results/bench-exec-<time>).")
  Path outDir;

  private final ObjectMapper mapper = new ObjectMapper();
  private final JobLines codec = new JobLines();

  @Override
  public Integer call() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int n = workers == 0 ? cores : workers;
    Path data = mbpp != null ? mbpp : defaultMbpp();
    Path dir = outDir != null ? outDir
        : Path.of("results", "bench-exec-" + Instant.now().toString().replace(':', '-'));
    Files.createDirectories(dir);
    List<ExecutionJob> references = readMbpp(data);
    List<ExecutionJob> quick = new ArrayList<>(references);
    List<ExecutionJob> slow = new ArrayList<>();
    Mutants.Kind[] kinds = {Mutants.Kind.SYNTAX, Mutants.Kind.EXCEPTION, Mutants.Kind.WRONG_ANSWER};
    for (int i = 0; i < references.size(); i += 2) {
      ExecutionJob r = references.get(i);
      Mutants.Kind k = kinds[(i / 2) % kinds.length];
      Mutants.mutate(r.program(), k).ifPresent(p -> quick.add(new ExecutionJob(r.id() + "~" + k, p, r.tests())));
    }
    int step = Math.max(1, references.size() / Math.max(1, loops));
    for (int i = 1; i < references.size() && slow.size() < loops; i += step) {
      ExecutionJob r = references.get(i);
      Mutants.mutate(r.program(), Mutants.Kind.LOOP)
          .ifPresent(p -> slow.add(new ExecutionJob(r.id() + "~LOOP", p, r.tests())));
    }
    List<ExecutionJob> quickSet = limit > 0 ? quick.subList(0, Math.min(limit, quick.size())) : quick;
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("mbpp", data.toString());
    config.put("timeoutSeconds", timeout);
    config.put("workers", n);
    config.put("nonTimeoutJobs", quickSet.size());
    config.put("timeoutJobs", slow.size());
    config.put("trivialJobs", trivial);
    config.put("graalpyParams", graalpyParams == null ? "{}" : graalpyParams);
    Provenance prov = Provenance.capture("coderl bench exec", config, 0);

    ObjectNode report = mapper.createObjectNode();
    report.set("provenance", provenanceNode(prov));
    report.put("cores", cores);
    ArrayNode sets = report.putArray("sets");
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "%-12s %-22s %6s %9s %9s %11s %9s %10s %9s%n", "set", "backend", "jobs",
        "wall s", "jobs/s", "ms/job*cpu", "median ms", "vs cpy-pp", "agree"));
    // The overhead set: a program that does nothing, so that each runner's per-job cost is all
    // that is measured (the median of the per-job times excludes the GraalPy command's JVM start).
    List<ExecutionJob> trivialSet = new ArrayList<>();
    for (int i = 0; i < trivial; i++) {
      trivialSet.add(new ExecutionJob("trivial/" + i, "x = " + i, new TestSuite.Asserts("", List.of("assert x == " + i))));
    }
    for (var set : List.of(Map.entry("overhead", trivialSet), Map.entry("non-timeout", quickSet),
        Map.entry("timeout", slow))) {
      if (set.getValue().isEmpty()) {
        continue;
      }
      String name = set.getKey();
      List<ExecutionJob> jobs = set.getValue();
      Path jobsFile = dir.resolve(name + "-jobs.jsonl");
      Files.write(jobsFile, jobs.stream().map(codec::jobLine).toList(), StandardCharsets.UTF_8);
      System.err.println("bench exec: " + name + " set, " + jobs.size() + " jobs");
      Run pp = runCpython(jobs, CPythonParams.PROCESS_PER_JOB, n, dir.resolve(name + "-cpython-process.jsonl"));
      Run persistent = runCpython(jobs, CPythonParams.PERSISTENT, n, dir.resolve(name + "-cpython-persistent.jsonl"));
      List<Run> runs = new ArrayList<>(List.of(pp, persistent));
      ObjectNode archives = mapper.createObjectNode();
      ObjectNode javaHomes = mapper.createObjectNode();
      for (String mode : modes) {
        ObjectNode params = graalpyParams(mode);
        GraalPyParams resolved = mapper.treeToValue(params, GraalPyParams.class);
        // JIT workers may start from an image of this JDK (made here if missing, before the run).
        javaHomes.put(mode, GraalPyRunner.jitJavaHome(resolved).map(Path::toString)
            .orElse(System.getProperty("java.home")));
        Optional<Path> archive = GraalPyRunner.classDataArchive(resolved);
        // Recorded because it changes the worker start: an archive written by an earlier run is
        // reused; without one, this run writes it (and its exit waits for that).
        archives.put(mode, archive.map(a -> Files.exists(a) ? "reused " + a : "written by this run: " + a)
            .orElse("none"));
        runs.add(runGraalpyCommand(jobsFile, n, dir.resolve(name + "-graalpy-" + mode + ".jsonl"),
            jobs.size(), "graalpy-" + mode, params));
      }
      ObjectNode s = sets.addObject();
      s.put("set", name);
      s.put("jobs", jobs.size());
      s.set("classDataArchive", archives);
      s.set("workerJavaHome", javaHomes);
      for (Run r : runs) {
        ObjectNode b = s.putObject(r.backend);
        b.put("wallSeconds", r.seconds);
        b.put("jobsPerSecond", jobs.size() / r.seconds);
        b.put("cpuMillisPerJob", r.seconds * n * 1000 / jobs.size());
        double median = medianMillis(r.results);
        b.put("medianMillisPerJob", median);
        b.put("ratioToCpythonProcessPerJob", pp.seconds / r.seconds);
        Agreement a = agreement(r.results, pp.results);
        b.put("agreementWithCpythonProcessPerJob", a.agree + "/" + jobs.size());
        ArrayNode dis = b.putArray("disagreements");
        a.examples.forEach(dis::add);
        table.append(String.format(Locale.ROOT, "%-12s %-22s %6d %9.2f %9.1f %11.2f %9.1f %9.2fx %9s%n", name,
            r.backend, jobs.size(), r.seconds, jobs.size() / r.seconds, r.seconds * n * 1000 / jobs.size(),
            median, pp.seconds / r.seconds, a.agree + "/" + jobs.size()));
      }
      // Written after each set: a long run never loses finished work.
      Files.writeString(dir.resolve("bench-exec.json"),
          mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
      Files.writeString(dir.resolve("bench-exec.txt"), table.toString());
    }
    System.out.print(table);
    System.out.println("graalpy = the whole `coderl exec` command incl. JVM start; cpython = in this JVM."
        + " Results in " + dir);
    return 0;
  }

  /** The median of the per-job times the runner reported. */
  private double medianMillis(List<String> results) {
    double[] ms = new double[results.size()];
    for (int i = 0; i < ms.length; i++) {
      try {
        ms[i] = mapper.readTree(results.get(i)).path("millis").asDouble();
      } catch (IOException e) {
        ms[i] = Double.NaN;
      }
    }
    java.util.Arrays.sort(ms);
    if (ms.length == 0) {
      return Double.NaN;
    }
    return ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
  }

  /** One backend's run of one set. */
  private record Run(String backend, double seconds, List<String> results) {}

  /** How many jobs two runs classify the same (outcome and per-test results). */
  private record Agreement(int agree, List<String> examples) {}

  private Agreement agreement(List<String> a, List<String> b) {
    int agree = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      try {
        JsonNode x = mapper.readTree(a.get(i));
        JsonNode y = mapper.readTree(b.get(i));
        if (x.get("outcome").equals(y.get("outcome")) && x.get("tests").equals(y.get("tests"))) {
          agree++;
        } else if (examples.size() < 20) {
          examples.add(x.get("id").asText() + ": " + x.get("outcome").asText() + " " + x.get("tests")
              + " vs " + y.get("outcome").asText() + " " + y.get("tests"));
        }
      } catch (IOException e) {
        examples.add("unreadable result line " + i);
      }
    }
    return new Agreement(agree, examples);
  }

  private Run runCpython(List<ExecutionJob> jobs, String mode, int n, Path out) throws IOException {
    CPythonParams p = CPythonParams.defaults().with(mode, n);
    p = new CPythonParams(p.executable(), mode, n, timeout, Math.max(60, timeout), null, null, null);
    long start = System.nanoTime();
    List<ExecutionResult> results;
    try (CPythonRunner r = new CPythonRunner(p); Progress progress = Progress.stderr("cpython " + mode, jobs.size())) {
      results = r.runAll(jobs, (i, res) -> progress.advance(1));
    }
    double secs = (System.nanoTime() - start) / 1e9;
    List<String> lines = results.stream().map(codec::resultLine).toList();
    Files.write(out, lines, StandardCharsets.UTF_8);
    return new Run("cpython-" + mode, secs, lines);
  }

  /** The params of the graalpy runs: the user's, with the mode under test. */
  private ObjectNode graalpyParams(String mode) throws IOException {
    ObjectNode p = graalpyParams == null ? mapper.createObjectNode()
        : JsonOption.object("--graalpy-params", graalpyParams, "{\"hostCompiler\": \"tiered\"}");
    p.put("compilation", mode);
    return p;
  }

  private Run runGraalpyCommand(Path jobsFile, int n, Path out, int count, String label, ObjectNode params)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-X") || a.startsWith("--") || a.startsWith("-D")) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.coderl4j.cli.Main", "exec",
        "--jobs", jobsFile.toString(), "--out", out.toString(), "--backend", "graalpy",
        "--timeout", Double.toString(timeout), "--workers", Integer.toString(n)));
    cmd.addAll(List.of("--graalpy-params", params.toString()));
    System.err.println("bench exec: " + label + ", " + count + " jobs, as a child `coderl exec` (JVM start included)");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int rc = p.waitFor();
    double secs = (System.nanoTime() - start) / 1e9;
    if (rc != 0) {
      throw new IllegalStateException("coderl exec failed with exit code " + rc);
    }
    return new Run(label, secs, Files.readAllLines(out, StandardCharsets.UTF_8));
  }

  private ObjectNode provenanceNode(Provenance p) {
    ObjectNode o = mapper.createObjectNode();
    o.put("command", p.command());
    o.set("config", mapper.valueToTree(p.config()));
    o.put("seed", p.seed());
    o.put("gitCommit", p.gitCommit());
    o.set("versions", mapper.valueToTree(p.versions()));
    o.put("createdAt", p.createdAt().toString());
    return o;
  }

  private static Path defaultMbpp() {
    String home = System.getProperty("coderl.home", ".");
    Path inTree = Path.of(home, "polyglot-runner", "src", "test", "resources", "data", "mbpp", "mbpp.jsonl");
    if (Files.exists(inTree)) {
      return inTree;
    }
    throw new IllegalArgumentException("MBPP data not found at " + inTree + "; pass --mbpp FILE");
  }

  private List<ExecutionJob> readMbpp(Path file) throws IOException {
    List<ExecutionJob> jobs = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = mapper.readTree(line);
      List<String> asserts = new ArrayList<>();
      n.get("test_list").forEach(t -> asserts.add(t.asText()));
      jobs.add(new ExecutionJob("mbpp/" + n.get("task_id").asInt(), n.get("code").asText(),
          new TestSuite.Asserts(n.path("test_setup_code").asText(""), asserts)));
    }
    return jobs;
  }
}
