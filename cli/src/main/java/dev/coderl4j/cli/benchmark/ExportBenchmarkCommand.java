package dev.coderl4j.cli.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.config.JsonOption;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import dev.coderl4j.core.provenance.Provenance;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl benchmark export}: writes a benchmark's problems as JSON Lines, one problem a line,
 * for other tools and for checking a benchmark from outside (e.g. running its canonical solutions
 * through {@code coderl evaluate} as a samples file).
 *
 * <p>A line is {@code {"task_id", "prompt", "canonical_solution", "kind", "example_tests",
 * "hidden_tests", "setup"?, "fn_name"?, "example_kind"?, "difficulty", "split"}}: {@code task_id}
 * is the problem id, which {@code coderl evaluate} accepts; {@code prompt} is the benchmark's
 * default prompt format (or {@code --format}); the test lists and {@code kind}, {@code setup} and
 * {@code fn_name} are as a {@code coderl exec} job takes them.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a benchmark's problems (prompt, canonical solution, tests) as JSON Lines.")
public final class ExportBenchmarkCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(
      names = "--benchmark",
      required = true,
      description = "The benchmark: list-programs, mbpp, mbpp-sanitized, humaneval or apps.")
  String benchmark;

  @Option(
      names = "--benchmark-params",
      defaultValue = "{}",
      description =
          "The benchmark's params as JSON, e.g. '{\"split\": \"train\"}' (default:"
              + " ${DEFAULT-VALUE}).")
  String benchmarkParams;

  @Option(
      names = "--format",
      description = "The prompt format of \"prompt\" (default: the benchmark's).")
  String format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "The file to write; provenance goes beside it (FILE.jsonl.provenance.json).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PluginResolver resolver = Wiring.injector().getInstance(PluginResolver.class);
    ObjectNode params =
        JsonOption.object("--benchmark-params", benchmarkParams, "{\"split\": \"test\"}");
    if (!resolver.names(Benchmark.class).contains(benchmark)) {
      throw new IllegalArgumentException(
          "--benchmark '"
              + benchmark
              + "' is not a benchmark; known: "
              + resolver.names(Benchmark.class));
    }
    Benchmark bench = resolver.create(Benchmark.class, new PluginSpec(benchmark, params));
    String formatName = format != null ? format : bench.defaultPromptFormat();
    PromptFormat fmt = resolver.create(PromptFormat.class, PluginSpec.of(formatName));
    if (Files.isDirectory(out)) {
      throw new IllegalArgumentException(
          "--out '"
              + out
              + "' is a folder; name a file such as "
              + out.resolve(benchmark + ".jsonl"));
    }
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    int n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Problem p : bench.problems()) {
        w.write(line(p, fmt).toString());
        w.write('\n');
        n++;
      }
    }
    writeProvenance(params, formatName, n);
    spec.commandLine().getOut().println(n + " problems of " + benchmark + " written to " + out);
    return 0;
  }

  /** The export line of {@code p}. */
  static ObjectNode line(Problem p, PromptFormat fmt) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("task_id", p.id());
    o.put("prompt", fmt.prompt(p));
    if (p.solutions().isEmpty()) {
      o.putNull("canonical_solution");
    } else {
      o.put("canonical_solution", p.solutions().getFirst());
    }
    o.put("kind", kind(p.hiddenTests()));
    o.set("example_tests", tests(p.exampleTests()));
    o.set("hidden_tests", tests(p.hiddenTests()));
    if (p.hiddenTests() instanceof TestSuite.Asserts a && !a.setup().isEmpty()) {
      o.put("setup", a.setup());
    }
    String fn =
        switch (p.hiddenTests()) {
          case TestSuite.Call c -> c.fnName();
          case TestSuite.Asserts a -> p.metadata().get("entry_point");
          case TestSuite.Stdin s -> null;
        };
    if (fn != null) {
      o.put("fn_name", fn);
    }
    if (p.exampleTests().size() > 0 && !kind(p.exampleTests()).equals(kind(p.hiddenTests()))) {
      o.put("example_kind", kind(p.exampleTests()));
    }
    if (p.difficulty().isPresent()) {
      o.put("difficulty", p.difficulty().get());
    } else {
      o.putNull("difficulty");
    }
    String split = p.metadata().get("split");
    if (split != null) {
      o.put("split", split);
    } else {
      o.putNull("split");
    }
    return o;
  }

  /** The {@code kind} of a {@code coderl exec} job for these tests. */
  static String kind(TestSuite t) {
    return switch (t) {
      case TestSuite.Asserts a -> "assert";
      case TestSuite.Stdin s -> "stdin";
      case TestSuite.Call c -> "call";
    };
  }

  /** The tests as a {@code coderl exec} job's {@code tests} array. */
  static ArrayNode tests(TestSuite t) {
    ArrayNode arr = MAPPER.createArrayNode();
    switch (t) {
      case TestSuite.Asserts a -> a.asserts().forEach(arr::add);
      case TestSuite.Stdin s ->
          s.cases().forEach(c -> arr.addObject().put("input", c.input()).put("output", c.output()));
      case TestSuite.Call c ->
          c.cases()
              .forEach(
                  k -> {
                    ObjectNode o = arr.addObject();
                    o.set("args", json(k.argsJson()));
                    o.set("output", json(k.outputJson()));
                  });
    }
    return arr;
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("a call test holds invalid JSON: " + text, e);
    }
  }

  private void writeProvenance(ObjectNode params, String formatName, int n) throws IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("benchmark", benchmark);
    config.put("benchmark_params", MAPPER.convertValue(params, Map.class));
    config.put("format", formatName);
    Provenance p = Provenance.capture("coderl benchmark export", config, 0);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", p.command());
    m.put("config", p.config());
    m.put("git_commit", p.gitCommit());
    m.put("versions", p.versions());
    m.put("created_at", p.createdAt().toString());
    m.put("problems", n);
    Files.writeString(
        out.resolveSibling(out.getFileName() + ".provenance.json"),
        MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
  }
}
