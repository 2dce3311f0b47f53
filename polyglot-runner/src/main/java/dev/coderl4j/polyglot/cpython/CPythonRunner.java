package dev.coderl4j.polyglot.cpython;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.exec.Classification;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.polyglot.StdoutMatch;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * The {@code cpython} runner: the reference the GraalPy backend is checked against, and the way to
 * run programs that need C extensions (§3.3's outcomes, CPython's own semantics).
 *
 * <p>Jobs run through a small Python harness shipped as a resource, with the same job semantics as
 * the GraalPy backend; stdout comparison and classification are the shared Java code. Two modes:
 * {@code process-per-job} starts an interpreter per job through Apache Commons Exec (the
 * human-eval/EvalPlus practice), {@code persistent} keeps one server per worker that forks a child
 * per job. Neither is a security sandbox (see {@code docs/execution.md}).
 */
public final class CPythonRunner implements ProgramRunner {
  /** The plugin name. */
  public static final String NAME = "cpython";

  private final CPythonParams params;
  private final ObjectMapper mapper = new ObjectMapper();
  private final String executable;
  private final String version;
  private final Path dir;
  private final Path harness;
  private final BlockingQueue<Server> servers;
  private final List<Server> allServers = new ArrayList<>();

  /** Builds the runner from its params; see {@link CPythonParams}. */
  public static final class Factory extends ParamsFactory<ProgramRunner, CPythonParams> {
    public Factory() {
      super(CPythonParams.class);
    }

    @Override
    protected ProgramRunner build(CPythonParams params) {
      return new CPythonRunner(params);
    }
  }

  /** Finds the interpreter (failing clearly when there is none) and unpacks the harness. */
  public CPythonRunner(CPythonParams params) {
    this.params = params;
    String[] probe = probe(params.executable());
    this.executable = probe[0];
    this.version = probe[1];
    try {
      this.dir = Files.createTempDirectory("coderl-cpython-");
      this.harness = dir.resolve("coderl_harness.py");
      try (InputStream in = CPythonRunner.class.getResourceAsStream("harness.py")) {
        Files.write(harness, in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the CPython harness", e);
    }
    int n = params.workerCount();
    this.servers = new ArrayBlockingQueue<>(n);
    switch (params.runMode()) {
      case PERSISTENT -> {
        for (int i = 0; i < n; i++) {
          Server s = new Server();
          allServers.add(s);
          servers.add(s);
        }
      }
      case PROCESS_PER_JOB -> {}
    }
  }

  /** The interpreter's full path and version ({@code sys.executable}, {@code sys.version}). */
  private static String[] probe(String exe) {
    CommandLine cl = new CommandLine(exe);
    cl.addArgument("-c");
    cl.addArgument(
        "import sys; print(sys.executable); print(sys.version.split()[0]); "
            + "sys.exit(0 if sys.version_info[0] == 3 else 3)",
        false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DefaultExecutor ex = DefaultExecutor.builder().get();
    ex.setStreamHandler(new PumpStreamHandler(out, OutputStream.nullOutputStream()));
    ex.setWatchdog(ExecuteWatchdog.builder().setTimeout(Duration.ofSeconds(30)).get());
    try {
      ex.execute(cl);
    } catch (IOException e) {
      throw new IllegalStateException(
          "The cpython backend needs a Python 3 interpreter, but '"
              + exe
              + "' could not be run ("
              + e.getMessage()
              + "). Install Python 3 so that python3 is on"
              + " the PATH, or set the runner's executable parameter to one.",
          e);
    }
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\\R");
    if (lines.length < 2) {
      throw new IllegalStateException("'" + exe + "' did not report its version; is it Python 3?");
    }
    return new String[] {lines[0].strip(), lines[1].strip()};
  }

  /** The interpreter in use (resolved, so that launcher shims do not add to every job). */
  public String executable() {
    return executable;
  }

  /** The interpreter's version, e.g. {@code 3.11.7}. */
  public String pythonVersion() {
    return version;
  }

  public CPythonParams params() {
    return params;
  }

  // ---- job encoding -----------------------------------------------------------------------

  private String jobJson(ExecutionJob job) {
    ObjectNode o = mapper.createObjectNode();
    TestSuite suite = job.tests();
    o.put("program", job.program());
    ArrayNode tests = o.putArray("tests");
    switch (suite) {
      case TestSuite.Asserts a -> {
        o.put("kind", "assert");
        o.put("setup", a.setup());
        a.asserts().forEach(tests::add);
      }
      case TestSuite.Stdin s -> {
        o.put("kind", "stdin");
        s.cases().forEach(c -> tests.addObject().put("input", c.input()));
      }
      case TestSuite.Call c -> {
        o.put("kind", "call");
        o.put("fn_name", c.fnName());
        for (TestSuite.CallCase cc : c.cases()) {
          ObjectNode t = tests.addObject();
          t.set("args", json(cc.argsJson()));
          t.set("output", json(cc.outputJson()));
        }
      }
    }
    o.put("timeout", params.timeoutSeconds());
    o.put("program_timeout", params.programTimeoutSeconds());
    o.put("grace", params.killGraceSeconds());
    o.put("max_output", params.maxOutputBytes());
    o.put("max_memory_mb", params.maxMemoryMb());
    o.put("stop_first", job.stopAtFirstFailure());
    return o.toString();
  }

  private JsonNode json(String text) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + text, e);
    }
  }

  /** Turns the harness's lines into a result; {@code died} names why output stopped early. */
  private ExecutionResult decode(ExecutionJob job, List<String> lines, String died, long millis) {
    String compileError = null;
    String loadError = null;
    boolean loaded = false;
    boolean done = false;
    String killed = null;
    List<TestResult> tests = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json(line);
      if (n.has("compile_error")) {
        compileError = n.get("compile_error").asText();
      } else if (n.has("load_error")) {
        loadError = n.get("load_error").asText();
      } else if (n.has("loaded")) {
        loaded = true;
      } else if (n.has("test")) {
        tests.add(testResult(job, tests.size(), n.get("test")));
      } else if (n.has("killed")) {
        killed = n.get("killed").asText();
      } else if (n.has("done")) {
        done = true;
      }
    }
    String detail = "";
    if (killed == null && !done) {
      killed = died;
    }
    if (killed != null && compileError == null && loadError == null) {
      detail =
          "interpreter " + (killed.equals("Timeout") ? "killed past its hard deadline" : "died");
      if (!loaded) {
        loadError = killed;
      } else {
        tests.add(new TestResult.Error(killed));
      }
    }
    if (job.stopAtFirstFailure()) {
      for (int i = 0; i < tests.size(); i++) {
        if (!(tests.get(i) instanceof TestResult.Pass)) {
          tests = new ArrayList<>(tests.subList(0, i + 1));
          break;
        }
      }
    }
    var outcome =
        Classification.classify(
            Optional.ofNullable(compileError), Optional.ofNullable(loadError), tests);
    if (compileError != null && detail.isEmpty()) {
      detail = compileError;
    }
    return new ExecutionResult(job.id(), outcome, tests, millis, NAME, detail);
  }

  private static TestResult testResult(ExecutionJob job, int index, JsonNode t) {
    if (t.isBoolean()) {
      return t.booleanValue() ? TestResult.PASS : TestResult.FAIL;
    }
    if (t.isTextual()) {
      return new TestResult.Error(t.asText());
    }
    String expected = ((TestSuite.Stdin) job.tests()).cases().get(index).output();
    return StdoutMatch.matches(t.get("stdout").asText(), expected)
        ? TestResult.PASS
        : TestResult.FAIL;
  }

  private long hardLimitMillis(ExecutionJob job) {
    // Loading plus every test may each take the per-test time, within the per-job cap.
    double perJob =
        Math.min(
            params.programTimeoutSeconds(), params.timeoutSeconds() * (job.tests().size() + 1));
    return (long) ((perJob + params.killGraceSeconds()) * 1000) + 1000;
  }

  // ---- process per job --------------------------------------------------------------------

  private ExecutionResult runProcess(ExecutionJob job) {
    long start = System.nanoTime();
    CommandLine cl = new CommandLine(executable);
    cl.addArgument(harness.toString(), false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] in = jobJson(job).getBytes(StandardCharsets.UTF_8);
    DefaultExecutor ex = DefaultExecutor.builder().setWorkingDirectory(dir).get();
    ExecuteWatchdog wd =
        ExecuteWatchdog.builder().setTimeout(Duration.ofMillis(hardLimitMillis(job))).get();
    ex.setWatchdog(wd);
    ex.setStreamHandler(
        new PumpStreamHandler(out, OutputStream.nullOutputStream(), new ByteArrayInputStream(in)));
    ex.setExitValues(null);
    try {
      ex.execute(cl);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + executable, e);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    List<String> lines = Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n"));
    return decode(job, lines, wd.killedProcess() ? "Timeout" : "WorkerCrash", millis);
  }

  // ---- persistent servers -----------------------------------------------------------------

  /** One {@code harness.py --serve} process; restarted if it dies. */
  private final class Server {
    private Process process;
    private OutputStream stdin;
    private BufferedReader stdout;

    private void ensure() throws IOException {
      if (process != null && process.isAlive()) {
        return;
      }
      ProcessBuilder pb =
          new ProcessBuilder(executable, harness.toString(), "--serve")
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      process = pb.start();
      stdin = process.getOutputStream();
      stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    ExecutionResult run(ExecutionJob job) {
      long start = System.nanoTime();
      List<String> lines = new ArrayList<>();
      String died = "WorkerCrash";
      try {
        ensure();
        stdin.write((jobJson(job) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        String line;
        while ((line = stdout.readLine()) != null) {
          lines.add(line);
          if (line.startsWith("{\"done\"")) {
            break;
          }
        }
      } catch (IOException e) {
        died = "WorkerCrash";
      }
      if (lines.isEmpty() || !lines.getLast().startsWith("{\"done\"")) {
        close();
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      return decode(job, lines, died, millis);
    }

    void close() {
      if (process != null) {
        process.destroyForcibly();
        process = null;
      }
    }
  }

  // ---- ProgramRunner ----------------------------------------------------------------------

  @Override
  public ExecutionResult run(ExecutionJob job) {
    return switch (params.runMode()) {
      case PROCESS_PER_JOB -> runProcess(job);
      case PERSISTENT -> runOnServer(job);
    };
  }

  private ExecutionResult runOnServer(ExecutionJob job) {
    Server s;
    try {
      s = servers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a CPython server", e);
    }
    try {
      return s.run(job);
    } finally {
      servers.add(s);
    }
  }

  @Override
  public List<ExecutionResult> runAll(List<ExecutionJob> jobs, RunListener listener) {
    return dev.coderl4j.core.exec.ConcurrentRuns.runAll(
        jobs, listener, params.workerCount(), this::run);
  }

  @Override
  public void close() {
    for (Server s : allServers) {
      s.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp directory left behind is harmless.
    }
  }
}
