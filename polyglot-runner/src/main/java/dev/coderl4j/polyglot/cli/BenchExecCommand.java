package dev.coderl4j.polyglot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.config.JsonOption;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.JobLines;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.polyglot.Mutants;
import dev.coderl4j.polyglot.cpython.CPythonParams;
import dev.coderl4j.polyglot.cpython.CPythonRunner;
import dev.coderl4j.polyglot.graalpy.GraalPyParams;
import dev.coderl4j.polyglot.graalpy.GraalPyRunner;
import java.io.IOException;
import java.io.InputStream;
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
 * {@code coderl bench exec}: the program runners against CPython run with EvalPlus' execution
 * structure (a pool of workers, a fork per job from a warm interpreter: {@code fork_harness.py}),
 * each ratio against that harness measured in the same run, on the job families users run.
 *
 * <p>Every figure is a whole command, start-up included: the fork harness is a {@code python3}
 * process, the project's runners a child {@code coderl exec}. The old anchor, one new CPython
 * process per job (measured inside this JVM, which favours it), stays as a second column on the
 * sets small enough for it. Families: MBPP (reference solutions and mutants), APPS stdin and call
 * (the shipped solutions and mutants, including programs that exit, raise, or read past their
 * input), the RL-round set (programs the quick start's sample stage generated), each also
 * replicated to {@code --scale} jobs with each copy's source made distinct; a mixed MBPP + APPS
 * set; and the endless-loop mutants apart, since they measure the timeout, not the runner.
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks the program runners against CPython with EvalPlus' structure (fork per job).")
public final class BenchExecCommand implements Callable<Integer> {
  /**
   * The CLI's main class: each runner under test runs as a child {@code coderl exec} (a command of
   * the CLI, which depends on this module, so it is named here only as text).
   */
  static final String CLI_MAIN = "dev.coderl4j.cli.Main";

  private final Injector injector;

  /** The command, with the CLI's injector (for the APPS benchmark plugin). */
  public BenchExecCommand(Injector injector) {
    this.injector = injector;
  }

  @Option(
      names = "--mbpp",
      paramLabel = "FILE",
      description = "MBPP jsonl (default: the copy in polyglot-runner's test resources).")
  Path mbpp;

  @Option(
      names = "--loops",
      defaultValue = "12",
      description = "Endless-loop mutants in the timeout set (default: ${DEFAULT-VALUE}).")
  int loops;

  @Option(
      names = "--timeout",
      defaultValue = "4",
      description = "Seconds per test (default: ${DEFAULT-VALUE}).")
  double timeout;

  @Option(
      names = "--trivial",
      defaultValue = "200",
      description =
          "Jobs in the per-job overhead set (x = 1; assert x == 1) (default: ${DEFAULT-VALUE}).")
  int trivial;

  @Option(
      names = "--workers",
      defaultValue = "0",
      description = "Programs at once (default: one per core).")
  int workers;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Use only the first N MBPP jobs (0: all).")
  int limit;

  @Option(
      names = "--scale",
      defaultValue = "10000",
      description = "Jobs in each replicated (RL-round scale) set (default: ${DEFAULT-VALUE}).")
  int scale;

  @Option(
      names = "--sets",
      split = ",",
      defaultValue =
          "overhead,mbpp,apps-stdin,apps-call,mixed,rl-round,mbpp-x,apps-stdin-x,"
              + "apps-call-x,timeout",
      description = "Sets to run (default: ${DEFAULT-VALUE}; -x: replicated to --scale).")
  List<String> sets;

  @Option(
      names = "--new-interpreter-max",
      defaultValue = "2500",
      description =
          "Largest set the new-interpreter-per-job column is measured on"
              + " (default: ${DEFAULT-VALUE}).")
  int newInterpreterMax;

  @Option(
      names = "--cpython",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Also run `coderl exec --backend cpython` (default: on).")
  boolean withCpython;

  @Option(
      names = "--python",
      defaultValue = "python3",
      description = "The CPython of the fork harness (default: ${DEFAULT-VALUE}).")
  String python;

  @Option(
      names = "--graalpy-params",
      paramLabel = "JSON",
      description =
          "Params of the graalpy runner under test, as for `coderl exec --graalpy-params`.")
  String graalpyParams;

  @Option(
      names = "--modes",
      split = ",",
      defaultValue = "jit",
      description =
          "GraalPy compilation modes to run, each as its own `coderl exec` (default:"
              + " ${DEFAULT-VALUE}).")
  List<String> modes;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where results go (default: results/bench-exec-<time>).")
  Path outDir;

  private final ObjectMapper mapper = new ObjectMapper();
  private final JobLines codec = new JobLines();

  /** The mutations the APPS families add to APPS' own: programs that exit, raise or over-read. */
  enum AppsMutation {
    /** Exits before any output (stdin: a wrong answer; call: SystemExit while loading). */
    EXIT,
    /** Raises after its work (stdin: after printing; call: while loading). */
    RAISE,
    /** Reads one line more than its input has (stdin only: EOFError). */
    READ_PAST;

    Optional<String> apply(String program, TestSuite tests) {
      boolean stdin = tests instanceof TestSuite.Stdin;
      return switch (this) {
        case EXIT ->
            Optional.of(stdin ? "import sys\nsys.exit(0)\n" + program : program + "\nexit()\n");
        case RAISE -> Optional.of(program + "\nraise ValueError('mutant')\n");
        case READ_PAST -> stdin ? Optional.of(program + "\ninput()\n") : Optional.empty();
      };
    }
  }

  @Override
  public Integer call() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int n = workers == 0 ? cores : workers;
    Path data = mbpp != null ? mbpp : defaultMbpp();
    Path dir =
        outDir != null
            ? outDir
            : Path.of("results", "bench-exec-" + Instant.now().toString().replace(':', '-'));
    Files.createDirectories(dir);
    Path harness = dir.resolve("fork_harness.py");
    try (InputStream in = BenchExecCommand.class.getResourceAsStream("fork_harness.py")) {
      Files.write(harness, in.readAllBytes());
    }
    List<ExecutionJob> references = readMbpp(data);
    List<ExecutionJob> mbppSet = new ArrayList<>(references);
    List<ExecutionJob> slow = new ArrayList<>();
    Mutants.Kind[] kinds = {Mutants.Kind.SYNTAX, Mutants.Kind.EXCEPTION, Mutants.Kind.WRONG_ANSWER};
    for (int i = 0; i < references.size(); i += 2) {
      ExecutionJob r = references.get(i);
      Mutants.Kind k = kinds[(i / 2) % kinds.length];
      Mutants.mutate(r.program(), k)
          .ifPresent(p -> mbppSet.add(new ExecutionJob(r.id() + "~" + k, p, r.tests())));
    }
    int step = Math.max(1, references.size() / Math.max(1, loops));
    for (int i = 1; i < references.size() && slow.size() < loops; i += step) {
      ExecutionJob r = references.get(i);
      Mutants.mutate(r.program(), Mutants.Kind.LOOP)
          .ifPresent(p -> slow.add(new ExecutionJob(r.id() + "~LOOP", p, r.tests())));
    }
    List<ExecutionJob> mbppJobs =
        limit > 0 ? mbppSet.subList(0, Math.min(limit, mbppSet.size())) : mbppSet;
    List<ExecutionJob> appsStdin = new ArrayList<>();
    List<ExecutionJob> appsCall = new ArrayList<>();
    appsJobs(appsStdin, appsCall, slow);
    List<ExecutionJob> mixed = new ArrayList<>(mbppJobs);
    mixed.addAll(appsStdin);
    mixed.addAll(appsCall);
    List<ExecutionJob> rlRound = readRlRound();
    List<ExecutionJob> trivialSet = new ArrayList<>();
    for (int i = 0; i < trivial; i++) {
      trivialSet.add(
          new ExecutionJob(
              "trivial/" + i, "x = " + i, new TestSuite.Asserts("", List.of("assert x == " + i))));
    }
    Map<String, List<ExecutionJob>> all = new LinkedHashMap<>();
    all.put("overhead", trivialSet);
    all.put("mbpp", mbppJobs);
    all.put("apps-stdin", appsStdin);
    all.put("apps-call", appsCall);
    all.put("mixed", mixed);
    all.put("rl-round", replicate(rlRound, scale));
    all.put("mbpp-x", replicate(mbppJobs, scale));
    all.put("apps-stdin-x", replicate(appsStdin, scale));
    all.put("apps-call-x", replicate(appsCall, scale));
    all.put("timeout", slow);
    for (String name : sets) {
      if (!all.containsKey(name)) {
        throw new IllegalArgumentException(
            "Unknown set [" + name + "] in --sets; known: " + all.keySet());
      }
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("mbpp", data.toString());
    config.put("timeoutSeconds", timeout);
    config.put("workers", n);
    config.put("scale", scale);
    config.put("sets", sets);
    config.put("newInterpreterMax", newInterpreterMax);
    config.put("modes", modes);
    config.put("python", python);
    config.put("graalpyParams", graalpyParams == null ? "{}" : graalpyParams);
    Provenance prov = Provenance.capture("coderl bench exec", config, 0);

    ObjectNode report = mapper.createObjectNode();
    report.set("provenance", provenanceNode(prov));
    report.put("cores", cores);
    report.put(
        "loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    ArrayNode setsNode = report.putArray("sets");
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-13s %-24s %6s %9s %9s %9s %9s %11s %11s%n",
            "set",
            "runner",
            "jobs",
            "wall s",
            "jobs/s",
            "vs fork",
            "vs new-pp",
            "agree fork",
            "agree pp"));
    for (String name : sets) {
      List<ExecutionJob> jobs = all.get(name);
      if (jobs.isEmpty()) {
        continue;
      }
      Path jobsFile = dir.resolve(name + "-jobs.jsonl");
      Files.write(jobsFile, jobs.stream().map(codec::jobLine).toList(), StandardCharsets.UTF_8);
      System.err.println("bench exec: " + name + " set, " + jobs.size() + " jobs");
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      Run fork =
          runForkHarness(harness, jobsFile, n, dir.resolve(name + "-fork.jsonl"), jobs.size());
      Run pp =
          jobs.size() <= newInterpreterMax
              ? runCpython(
                  jobs,
                  CPythonParams.PROCESS_PER_JOB,
                  n,
                  dir.resolve(name + "-cpython-process.jsonl"))
              : null;
      List<Run> runs = new ArrayList<>();
      runs.add(fork);
      if (pp != null) {
        runs.add(pp);
      }
      if (withCpython) {
        runs.add(
            runExecCommand(
                jobsFile,
                n,
                dir.resolve(name + "-cpython.jsonl"),
                jobs.size(),
                "cpython",
                List.of("--backend", "cpython")));
      }
      ObjectNode archives = mapper.createObjectNode();
      ObjectNode javaHomes = mapper.createObjectNode();
      for (String mode : modes) {
        ObjectNode params = graalpyParams(mode);
        GraalPyParams resolved = mapper.treeToValue(params, GraalPyParams.class);
        // JIT workers may start from an image of this JDK (made here if missing, before the run).
        javaHomes.put(
            mode,
            GraalPyRunner.jitJavaHome(resolved)
                .map(Path::toString)
                .orElse(System.getProperty("java.home")));
        Optional<Path> archive = GraalPyRunner.classDataArchive(resolved);
        // Recorded because it changes the worker start: an archive written by an earlier run is
        // reused; without one, this run writes it (and its exit waits for that).
        archives.put(
            mode,
            archive
                .map(a -> Files.exists(a) ? "reused " + a : "written by this run: " + a)
                .orElse("none"));
        runs.add(
            runExecCommand(
                jobsFile,
                n,
                dir.resolve(name + "-graalpy-" + mode + ".jsonl"),
                jobs.size(),
                "graalpy-" + mode,
                List.of("--backend", "graalpy", "--graalpy-params", params.toString())));
      }
      ObjectNode s = setsNode.addObject();
      s.put("set", name);
      s.put("jobs", jobs.size());
      s.put("loadAverageAtStart", load);
      s.set("classDataArchive", archives);
      s.set("workerJavaHome", javaHomes);
      for (Run r : runs) {
        ObjectNode b = s.putObject(r.backend);
        b.put("wallSeconds", r.seconds);
        b.put("jobsPerSecond", jobs.size() / r.seconds);
        b.put("medianMillisPerJob", medianMillis(r.results));
        b.put("ratioToForkHarness", fork.seconds / r.seconds);
        Agreement af = agreement(r.results, fork.results);
        b.put("agreementWithForkHarness", af.agree + "/" + jobs.size());
        ArrayNode dis = b.putArray("disagreementsWithForkHarness");
        af.examples.forEach(dis::add);
        String vsPp = "-";
        String agreePp = "-";
        if (pp != null) {
          b.put("ratioToCpythonProcessPerJob", pp.seconds / r.seconds);
          Agreement ap = agreement(r.results, pp.results);
          b.put("agreementWithCpythonProcessPerJob", ap.agree + "/" + jobs.size());
          vsPp = String.format(Locale.ROOT, "%.2fx", pp.seconds / r.seconds);
          agreePp = ap.agree + "/" + jobs.size();
        }
        table.append(
            String.format(
                Locale.ROOT,
                "%-13s %-24s %6d %9.2f %9.1f %8.2fx %9s %11s %11s%n",
                name,
                r.backend,
                jobs.size(),
                r.seconds,
                jobs.size() / r.seconds,
                fork.seconds / r.seconds,
                vsPp,
                af.agree + "/" + jobs.size(),
                agreePp));
      }
      // Written after each set: a long run never loses finished work.
      Files.writeString(
          dir.resolve("bench-exec.json"),
          mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n");
      Files.writeString(dir.resolve("bench-exec.txt"), table.toString());
      System.err.print(table);
    }
    System.out.print(table);
    System.out.println(
        "Every figure is a whole command incl. start-up, except"
            + " cpython-process-per-job (in this JVM); vs fork = the fork harness's wall time"
            + " / this one's. Results in "
            + dir);
    return 0;
  }

  /**
   * {@code jobs} repeated to {@code size} jobs; every copy after the first gets a distinct trailing
   * comment, so that its source text is new to any cache (compiled code, parsed source).
   */
  static List<ExecutionJob> replicate(List<ExecutionJob> jobs, int size) {
    List<ExecutionJob> out = new ArrayList<>(size);
    for (int i = 0; !jobs.isEmpty() && out.size() < size; i++) {
      ExecutionJob j = jobs.get(i % jobs.size());
      int copy = i / jobs.size();
      out.add(
          copy == 0
              ? j
              : new ExecutionJob(
                  j.id() + "#" + copy,
                  j.program() + "\n# copy " + copy + "\n",
                  j.tests(),
                  j.stopAtFirstFailure()));
    }
    return out;
  }

  /**
   * The shipped APPS training problems' solutions, each with its mutants, as APPS runs them (the
   * {@code apps} benchmark plugin's {@link Benchmark#job}: under the import header); endless-loop
   * mutants go to {@code slow}.
   */
  private void appsJobs(
      List<ExecutionJob> stdin, List<ExecutionJob> call, List<ExecutionJob> slow) {
    Benchmark apps =
        injector
            .getInstance(PluginResolver.class)
            .create(
                Benchmark.class,
                new PluginSpec("apps", mapper.createObjectNode().put("dataset", "train")));
    Mutants.Kind[] kinds = {Mutants.Kind.SYNTAX, Mutants.Kind.EXCEPTION, Mutants.Kind.WRONG_ANSWER};
    int loopsLeft = 2;
    for (Problem p : apps.problems()) {
      TestSuite tests = p.hiddenTests();
      List<ExecutionJob> into = tests instanceof TestSuite.Stdin ? stdin : call;
      for (int i = 0; i < p.solutions().size(); i++) {
        String id = p.id() + "/" + i;
        String sol = p.solutions().get(i);
        into.add(apps.job(id, p, sol, tests));
        for (Mutants.Kind k : kinds) {
          Mutants.mutate(sol, k).ifPresent(m -> into.add(apps.job(id + "~" + k, p, m, tests)));
        }
        for (AppsMutation k : AppsMutation.values()) {
          k.apply(sol, tests).ifPresent(m -> into.add(apps.job(id + "~" + k, p, m, tests)));
        }
        if (i == 0 && loopsLeft > 0) {
          Optional<String> loop = Mutants.mutate(sol, Mutants.Kind.LOOP);
          if (loop.isPresent()) {
            slow.add(apps.job(id + "~LOOP", p, loop.get(), tests));
            loopsLeft--;
          }
        }
      }
    }
  }

  /** The RL-round set shipped with the bench (see its SOURCE.md). */
  private List<ExecutionJob> readRlRound() throws IOException {
    List<ExecutionJob> out = new ArrayList<>();
    try (InputStream in = BenchExecCommand.class.getResourceAsStream("rl_round.jsonl")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        switch (codec.parse(lines[i], i + 1)) {
          case JobLines.Parsed.Job j -> out.add(j.job());
          case JobLines.Parsed.Malformed m ->
              throw new IllegalStateException(
                  "rl_round.jsonl line " + m.line() + ": " + m.reason());
        }
      }
    }
    return out;
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
          examples.add(
              x.get("id").asText()
                  + ": "
                  + x.get("outcome").asText()
                  + " "
                  + x.get("tests")
                  + " vs "
                  + y.get("outcome").asText()
                  + " "
                  + y.get("tests"));
        }
      } catch (IOException e) {
        examples.add("unreadable result line " + i);
      }
    }
    return new Agreement(agree, examples);
  }

  private Run runCpython(List<ExecutionJob> jobs, String mode, int n, Path out) throws IOException {
    CPythonParams p = CPythonParams.defaults().with(mode, n);
    p =
        new CPythonParams(
            p.executable(), mode, n, timeout, Math.max(60, timeout), null, null, null);
    long start = System.nanoTime();
    List<ExecutionResult> results;
    try (CPythonRunner r = new CPythonRunner(p);
        Progress progress = Progress.stderr("cpython " + mode, jobs.size())) {
      results = r.runAll(jobs, (i, res) -> progress.advance(1));
    }
    double secs = (System.nanoTime() - start) / 1e9;
    List<String> lines = results.stream().map(codec::resultLine).toList();
    Files.write(out, lines, StandardCharsets.UTF_8);
    return new Run("cpython-" + mode, secs, lines);
  }

  /** The params of the graalpy runs: the user's, with the mode under test. */
  private ObjectNode graalpyParams(String mode) throws IOException {
    ObjectNode p =
        graalpyParams == null
            ? mapper.createObjectNode()
            : JsonOption.object(
                "--graalpy-params", graalpyParams, "{\"hostCompiler\": \"tiered\"}");
    p.put("compilation", mode);
    return p;
  }

  /** The fork harness as a whole {@code python3} command, start-up included. */
  private Run runForkHarness(Path harness, Path jobsFile, int n, Path out, int count)
      throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            python,
            harness.toString(),
            jobsFile.toString(),
            out.toString(),
            "--workers",
            Integer.toString(n),
            "--timeout",
            Double.toString(timeout),
            "--program-timeout",
            Double.toString(Math.max(60, timeout)));
    System.err.println("bench exec: fork harness, " + count + " jobs, as a python3 command");
    return runCommand(cmd, out, "cpython-fork-harness");
  }

  /** A child {@code coderl exec} on the jobs file, its JVM start included. */
  private Run runExecCommand(
      Path jobsFile, int n, Path out, int count, String label, List<String> runner)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-X") || a.startsWith("--") || a.startsWith("-D")) {
        cmd.add(a);
      }
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            CLI_MAIN,
            "exec",
            "--jobs",
            jobsFile.toString(),
            "--out",
            out.toString(),
            "--quiet",
            "--timeout",
            Double.toString(timeout),
            "--workers",
            Integer.toString(n)));
    cmd.addAll(runner);
    System.err.println(
        "bench exec: "
            + label
            + ", "
            + count
            + " jobs, as a child `coderl exec` (JVM start included)");
    return runCommand(cmd, out, label);
  }

  private Run runCommand(List<String> cmd, Path out, String label)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int rc = p.waitFor();
    double secs = (System.nanoTime() - start) / 1e9;
    if (rc != 0) {
      throw new IllegalStateException(
          label + " failed with exit code " + rc + ": " + String.join(" ", cmd));
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
    Path inTree =
        Path.of(home, "polyglot-runner", "src", "test", "resources", "data", "mbpp", "mbpp.jsonl");
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
      jobs.add(
          new ExecutionJob(
              "mbpp/" + n.get("task_id").asInt(),
              n.get("code").asText(),
              new TestSuite.Asserts(n.path("test_setup_code").asText(""), asserts)));
    }
    return jobs;
  }
}
