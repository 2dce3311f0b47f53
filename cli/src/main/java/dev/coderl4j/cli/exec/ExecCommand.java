package dev.coderl4j.cli.exec;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.config.JsonOption;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.JobLines;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.provenance.Provenance;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl exec}: runs JSON Lines jobs under GraalPy, CPython or both and writes one result
 * line per job in input order, as each becomes available (docs/execution.md has the format).
 */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Python programs against unit tests (one JSON job per line) and classifies each as",
      "PASSED, FAILED_TEST, RUNTIME_ERROR or COMPILE_ERROR (CodeRL §3.3). Reads standard input",
      "and writes standard output unless --jobs/--out are given. See docs/execution.md."
    })
public final class ExecCommand implements Callable<Integer> {
  /** {@code --runner both}: every job under graalpy and cpython, reporting where they disagree. */
  static final String BOTH = "both";

  @Option(
      names = "--jobs",
      paramLabel = "FILE.jsonl",
      description = "Jobs, one JSON object per line (default: stdin).")
  Path jobs;

  @Option(
      names = "--out",
      paramLabel = "FILE.jsonl",
      description = "Results (default: stdout); provenance goes beside it.")
  Path out;

  @Option(
      names = "--runner",
      paramLabel = "NAME",
      defaultValue = "graalpy",
      description =
          "A runner plugin (graalpy, cpython, spark, ...) or both (each job under graalpy"
              + " and cpython, reporting where they disagree) (default: ${DEFAULT-VALUE}).")
  String runner;

  /** The old name of {@code --runner}, kept so scripts keep working. */
  @Option(names = "--backend", hidden = true, paramLabel = "NAME")
  void backend(String b) {
    runner = b;
  }

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "4",
      description = "Wall time per test (default: ${DEFAULT-VALUE}, APPS' value).")
  double timeout;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "0",
      description = "Programs at once per backend (default: one per core).")
  int workers;

  @Option(
      names = "--cpython-mode",
      defaultValue = "persistent",
      description = "process-per-job or persistent (default: ${DEFAULT-VALUE}).")
  String cpythonMode;

  @Option(
      names = "--runner-params",
      paramLabel = "JSON",
      description =
          "More params of the runner as a JSON object, e.g. '{\"compilation\": \"interpreter\"}'"
              + " for graalpy (see docs/execution.md for every param); with --runner both they go"
              + " to graalpy, the runner under test, and cpython takes --cpython-mode.")
  String runnerParams;

  /** The old name of {@code --runner-params} (graalpy only), kept so scripts keep working. */
  @Option(names = "--graalpy-params", hidden = true, paramLabel = "JSON")
  String graalpyParams;

  @Option(
      names = "--stop-at-first-failure",
      description = "Stop each job at its first test that does not pass.")
  boolean stopAtFirstFailure;

  @Option(
      names = "--details",
      description =
          "Add each job's \"detail\" (why it ended, what the runner did) to its result line.")
  boolean details;

  @Option(names = "--quiet", description = "No progress line on stderr.")
  boolean quiet;

  private final ObjectMapper mapper = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    PluginResolver resolver = Wiring.injector().getInstance(PluginResolver.class);
    Map<String, Object> config = new LinkedHashMap<>();
    boolean both = runner.equals(BOTH);
    config.put("runner", runner);
    config.put("timeoutSeconds", timeout);
    config.put("workers", workers);
    config.put("cpythonMode", cpythonMode);
    config.put("stopAtFirstFailure", stopAtFirstFailure);
    config.put("jobs", jobs == null ? "-" : jobs.toString());
    // Runners start first: GraalPy workers boot while the jobs are read.
    if (runnerParams != null && graalpyParams != null) {
      throw new IllegalArgumentException(
          "give --runner-params only (--graalpy-params is its old name)");
    }
    // The runner under test is looked up by name like any plugin; with both it is graalpy and
    // cpython is the reference, which takes --cpython-mode (and --runner-params only alone).
    String name = both ? "graalpy" : runner;
    Map<String, Object> gp =
        overlay(ownParams(name), runnerParams != null ? runnerParams : graalpyParams);
    config.put("runnerParams", gp);
    ProgramRunner graal = resolver.create(ProgramRunner.class, spec(name, gp));
    ProgramRunner cpy = null;
    try {
      if (both) {
        Map<String, Object> cp = ownParams("cpython");
        config.put("cpythonParams", cp);
        cpy = resolver.create(ProgramRunner.class, spec("cpython", cp));
      }
      List<String> lines = readLines();
      JobLines codec = new JobLines();
      List<Object> parsed = new ArrayList<>();
      List<ExecutionJob> runnable = new ArrayList<>();
      List<Integer> lineOf = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).isBlank()) {
          continue;
        }
        JobLines.Parsed p = codec.parse(lines.get(i), i + 1);
        switch (p) {
          case JobLines.Parsed.Job j -> {
            ExecutionJob job =
                stopAtFirstFailure
                    ? new ExecutionJob(j.job().id(), j.job().program(), j.job().tests(), true)
                    : j.job();
            lineOf.add(parsed.size());
            parsed.add(job);
            runnable.add(job);
          }
          case JobLines.Parsed.Malformed m -> parsed.add(codec.errorLine(m));
        }
      }
      if (out != null) {
        writeProvenance(config);
      }
      try (Writer w =
              out == null
                  ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                  : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
          Progress progress = quiet ? null : Progress.stderr("exec", runnable.size())) {
        OrderedWriter ow = new OrderedWriter(w, parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
          if (parsed.get(i) instanceof String errorLine) {
            ow.put(i, errorLine);
          }
        }
        ProgramRunner c = cpy;
        Disagreements dis = new Disagreements();
        int n = runnable.size();
        ExecutionResult[] gr = new ExecutionResult[n];
        ExecutionResult[] cr = new ExecutionResult[n];
        ProgramRunner.RunListener gl =
            (i, r) -> {
              gr[i] = r;
              complete(i, gr, cr, lineOf, ow, codec, dis, progress);
            };
        ProgramRunner.RunListener cl =
            (i, r) -> {
              cr[i] = r;
              complete(i, gr, cr, lineOf, ow, codec, dis, progress);
            };
        CompletableFuture<?> g =
            graal == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> graal.runAll(runnable, gl));
        CompletableFuture<?> p =
            c == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> c.runAll(runnable, cl));
        CompletableFuture.allOf(g, p).join();
        ow.flush();
        if (both) {
          System.err.println(
              "exec: "
                  + dis.count
                  + " of "
                  + n
                  + " jobs disagree between graalpy and cpython"
                  + (dis.count == 0 ? "" : ": " + String.join(", ", dis.ids)));
        }
      }
      return 0;
    } finally {
      if (graal != null) {
        graal.close();
      }
      if (cpy != null) {
        cpy.close();
      }
    }
  }

  /** Counts and names the jobs the two backends disagree on. */
  private static final class Disagreements {
    int count;
    final List<String> ids = new ArrayList<>();

    synchronized void add(String id) {
      count++;
      if (ids.size() < 50) {
        ids.add(id);
      }
    }
  }

  private void complete(
      int i,
      ExecutionResult[] gr,
      ExecutionResult[] cr,
      List<Integer> lineOf,
      OrderedWriter ow,
      JobLines codec,
      Disagreements dis,
      Progress progress) {
    ExecutionResult g;
    ExecutionResult c;
    synchronized (gr) {
      g = gr[i];
      c = cr[i];
      boolean ready = runner.equals(BOTH) ? g != null && c != null : g != null;
      if (!ready) {
        return;
      }
    }
    ObjectNode o = withDetail(codec.resultNode(g), g);
    if (c != null
        && (!g.outcome().label().equals(c.outcome().label()) || !g.tests().equals(c.tests()))) {
      ObjectNode d = o.putObject("disagreement");
      ObjectNode cn = withDetail(codec.resultNode(c), c);
      cn.remove("id");
      d.set("cpython", cn);
      dis.add(g.jobId());
    }
    String line = o.toString();
    ow.put(lineOf.get(i), line);
    if (progress != null) {
      progress.advance(1);
    }
  }

  private ObjectNode withDetail(ObjectNode o, ExecutionResult r) {
    if (details && !r.detail().isEmpty()) {
      o.put("detail", r.detail());
    }
    return o;
  }

  private List<String> readLines() throws IOException {
    if (jobs == null || jobs.toString().equals("-")) {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      return r.lines().toList();
    }
    return Files.readAllLines(jobs, StandardCharsets.UTF_8);
  }

  private void writeProvenance(Map<String, Object> config) throws IOException {
    Provenance p = Provenance.capture("coderl exec", config, 0);
    Path file = out.resolveSibling(out.getFileName() + ".provenance.json");
    mapper.findAndRegisterModules();
    ObjectNode o = mapper.createObjectNode();
    o.put("command", p.command());
    o.set("config", mapper.valueToTree(p.config()));
    o.put("seed", p.seed());
    o.put("gitCommit", p.gitCommit());
    o.set("versions", mapper.valueToTree(p.versions()));
    o.put("createdAt", p.createdAt().toString());
    Files.writeString(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n");
  }

  /** What this command's options give a runner: the limits, and cpython its --cpython-mode. */
  private Map<String, Object> ownParams(String name) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("timeoutSeconds", timeout);
    p.put("workers", workers);
    p.putAll(
        Map.of("cpython", Map.<String, Object>of("mode", cpythonMode))
            .getOrDefault(name, Map.of()));
    return p;
  }

  /** The command's own params of a runner with a JSON object of params laid over them. */
  private Map<String, Object> overlay(Map<String, Object> base, String json) {
    Map<String, Object> p = new LinkedHashMap<>(base);
    if (json != null) {
      ObjectNode extra =
          JsonOption.object("--runner-params", json, "{\"compilation\": \"interpreter\"}");
      p.putAll(mapper.convertValue(extra, new TypeReference<Map<String, Object>>() {}));
    }
    return p;
  }

  private PluginSpec spec(String type, Map<String, Object> params) {
    return new PluginSpec(type, mapper.valueToTree(params));
  }

  /** Writes lines in index order as soon as every earlier line is there, flushing each batch. */
  static final class OrderedWriter {
    private final Writer w;
    private final String[] pending;
    private int next;

    OrderedWriter(Writer w, int n) {
      this.w = w;
      this.pending = new String[n];
    }

    synchronized void put(int index, String line) {
      pending[index] = line;
      try {
        boolean wrote = false;
        while (next < pending.length && pending[next] != null) {
          w.write(pending[next]);
          w.write('\n');
          pending[next] = null;
          next++;
          wrote = true;
        }
        if (wrote) {
          w.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write results", e);
      }
    }

    synchronized void flush() throws IOException {
      w.flush();
    }
  }
}
