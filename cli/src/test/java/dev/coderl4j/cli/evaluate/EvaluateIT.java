package dev.coderl4j.cli.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code coderl evaluate} end to end on the real GraalPy runner: MBPP's test split scored as a
 * samples file of 5,000 programs (each task: 6 copies of its reference solution and 4 mutants that
 * return a wrong value), against the pass@k computed by hand; and a run killed halfway resumes to
 * the same summary.
 */
@Tag("slow")
class EvaluateIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DEF = Pattern.compile("(?m)^def\\s+([A-Za-z_]\\w*)\\s*\\(");

  /**
   * MBPP test tasks whose reference solution does not pass on GraalPy: their asserts expect
   * CPython's set iteration order (see docs/benchmarks.md).
   */
  static final List<Integer> FAILING_REFERENCES = List.of(111, 193);

  static Path samplesFile(Path dir, int refs, int mutants) throws Exception {
    List<String> lines = new ArrayList<>();
    List<String> mbpp;
    try (var in = EvaluateIT.class.getResourceAsStream("/dev/coderl4j/mbpp/data/mbpp.jsonl")) {
      mbpp = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    for (String l : mbpp) {
      JsonNode t = MAPPER.readTree(l);
      int id = t.get("task_id").asInt();
      if (id < 11 || id > 510) {
        continue;
      }
      String code = t.get("code").asText().replace("\r\n", "\n");
      String firstAssert = t.get("test_list").get(0).asText();
      String fn = null;
      Matcher m = DEF.matcher(code);
      while (m.find() && fn == null) {
        if (Pattern.compile("\\b" + Pattern.quote(m.group(1)) + "\\s*\\(")
            .matcher(firstAssert)
            .find()) {
          fn = m.group(1);
        }
      }
      if (fn == null) {
        throw new IllegalStateException("no function under test found for task " + id);
      }
      String mutant = code + "\n\ndef " + fn + "(*args, **kwargs):\n    return '__wrong__'\n";
      for (int i = 0; i < refs; i++) {
        lines.add(
            MAPPER.writeValueAsString(
                Map.of("task_id", "Mbpp/" + id, "solution", code + "\n# copy " + i)));
      }
      for (int i = 0; i < mutants; i++) {
        lines.add(
            MAPPER.writeValueAsString(Map.of("task_id", id, "solution", mutant + "# mutant " + i)));
      }
    }
    Path f = dir.resolve("mbpp-samples.jsonl");
    Files.write(f, lines, StandardCharsets.UTF_8);
    return f;
  }

  static int evaluate(Function<PluginResolver, ProgramRunner> runner, String... args) {
    CommandLine cl =
        new CommandLine(runner == null ? new EvaluateCommand() : new EvaluateCommand(runner));
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    int code = cl.execute(args);
    System.out.println(out);
    return code;
  }

  @Test
  void fiveThousandMbppSamplesGiveTheHandComputedPassAtK(@TempDir Path dir) throws Exception {
    Path samples = samplesFile(dir, 6, 4);
    assertEquals(5000, Files.readAllLines(samples).size());
    Path out = dir.resolve("out");
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    // A 20 s limit keeps MBPP 123 (3.9 s in CPython, APPS' limit is 4 s) from depending on the
    // load.
    assertEquals(
        0,
        evaluate(
            null,
            "--benchmark",
            "mbpp",
            "--samples",
            samples.toString(),
            "--k",
            "1,5,10,80",
            "--out",
            out.toString(),
            "--workers",
            String.valueOf(workers),
            "--timeout",
            "20"));
    JsonNode sum = MAPPER.readTree(out.resolve("summary.json").toFile());
    double solvable = (500.0 - FAILING_REFERENCES.size()) / 500;
    // n=10, c=6 for each task whose reference passes: pass@1 = 6/10; pass@5 = 1 - C(4,5)/C(10,5) =
    // 1.
    assertEquals(0.6 * solvable, sum.get("pass_at_k").get("1").asDouble(), 1e-12);
    assertEquals(solvable, sum.get("pass_at_k").get("5").asDouble(), 1e-12);
    assertEquals(solvable, sum.get("pass_at_k").get("10").asDouble(), 1e-12);
    assertTrue(sum.get("pass_at_k_not_estimated").has("80"));
    assertEquals(
        2000 + 6 * FAILING_REFERENCES.size(), 5000 - sum.get("outcomes").get("PASSED").asInt());
    System.out.println("throughput: " + sum.get("run"));
  }

  @Test
  void aRunKilledHalfwayResumesToTheSameSummary(@TempDir Path dir) throws Exception {
    Path samples = samplesFile(dir, 2, 2);
    Path whole = dir.resolve("whole");
    Path cut = dir.resolve("cut");
    String[] common = {
      "--benchmark",
      "mbpp",
      "--samples",
      samples.toString(),
      "--k",
      "1,2,4",
      "--workers",
      "2",
      "--timeout",
      "20"
    };
    assertEquals(0, evaluate(null, concat(common, "--out", whole.toString())));
    // The first invocation runs only the first half of its jobs on the real runner, then dies.
    Function<PluginResolver, ProgramRunner> halfThenDie =
        resolver ->
            new HalfThenDie(
                resolver.create(
                    ProgramRunner.class,
                    new PluginSpec(
                        "graalpy",
                        MAPPER.createObjectNode().put("workers", 2).put("timeoutSeconds", 20.0))));
    assertNotEquals(0, evaluate(halfThenDie, concat(common, "--out", cut.toString())));
    int recorded = Files.readAllLines(cut.resolve("results.jsonl")).size() - 1;
    assertEquals(1000, recorded, "half of the 2,000 runs were recorded before the kill");
    assertEquals(0, evaluate(null, concat(common, "--out", cut.toString())));
    JsonNode a = MAPPER.readTree(whole.resolve("summary.json").toFile());
    JsonNode b = MAPPER.readTree(cut.resolve("summary.json").toFile());
    for (String f :
        List.of("pass_at_k", "pass_at_k_ci95", "n_at_k", "outcomes", "tasks", "samples")) {
      assertEquals(a.get(f), b.get(f), f);
    }
    assertEquals(1000, b.get("run").get("runs_this_invocation").asInt());
    assertEquals(1000, b.get("run").get("runs_resumed").asInt());
  }

  /**
   * APPS' bundled training solutions (101) as a samples file: 100% but the documented exceptions.
   */
  @Test
  void appsReferenceSolutionsScoreFullMarks(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    for (String id : List.of("0001", "0111", "2287", "2404", "4184")) {
      try (var in =
          EvaluateIT.class.getResourceAsStream(
              "/dev/coderl4j/apps/data/train/" + id + "/solutions.json")) {
        for (JsonNode sol : MAPPER.readTree(in)) {
          lines.add(
              MAPPER.writeValueAsString(
                  Map.of("task_id", "train/" + id, "completion", sol.asText())));
        }
      }
    }
    Path samples = dir.resolve("apps.jsonl");
    Files.write(samples, lines, StandardCharsets.UTF_8);
    // By hand: 2287 (competition) has 10 solutions, 3 of which end with a top-level return that
    // only
    // APPS' harness accepts, so strictly its pass@1 is 7/10; 4184's solution 5 builds a 10^7 sieve
    // and may exceed the time or memory limit on a loaded machine (7/8 instead of 8/8).
    Map<String, List<Double>> expected =
        Map.of(
            "strict", List.of((4 + 0.7) / 5, (3 + 0.7 + 7.0 / 8) / 5),
            "apps-compatible", List.of(1.0, (4 + 7.0 / 8) / 5));
    Map<String, Double> competition = Map.of("strict", 0.7, "apps-compatible", 1.0);
    for (String cmp : List.of("strict", "apps-compatible")) {
      Path out = dir.resolve(cmp);
      assertEquals(
          0,
          evaluate(
              null,
              "--benchmark",
              "apps",
              "--benchmark-params",
              "{\"dataset\": \"train\", \"comparison\": \"" + cmp + "\"}",
              "--samples",
              samples.toString(),
              "--k",
              "1",
              "--out",
              out.toString(),
              "--timeout",
              "20"));
      JsonNode sum = MAPPER.readTree(out.resolve("summary.json").toFile());
      double at1 = sum.get("pass_at_k").get("1").asDouble();
      assertTrue(
          expected.get(cmp).stream().anyMatch(e -> Math.abs(e - at1) < 1e-12), cmp + ": " + at1);
      assertEquals(
          competition.get(cmp),
          sum.get("by_difficulty").get("competition").get("pass_at_k").get("1").asDouble(),
          1e-12,
          cmp);
    }
  }

  /** HumanEval's canonical solutions as completions: pass@1 = 100%. */
  @Test
  void humanEvalCanonicalCompletionsScoreFullMarks(@TempDir Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    try (var in =
        new java.util.zip.GZIPInputStream(
            EvaluateIT.class.getResourceAsStream("/dev/coderl4j/mbpp/data/HumanEval.jsonl.gz"))) {
      for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        JsonNode t = MAPPER.readTree(l);
        lines.add(
            MAPPER.writeValueAsString(
                Map.of(
                    "task_id",
                    t.get("task_id").asText(),
                    "completion",
                    t.get("canonical_solution").asText())));
      }
    }
    Path samples = dir.resolve("he.jsonl");
    Files.write(samples, lines, StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    // 20 s per test: HumanEval 36, 75 and 147 take up to 3.7 s before GraalPy's JIT has warmed up.
    assertEquals(
        0,
        evaluate(
            null,
            "--benchmark",
            "humaneval",
            "--samples",
            samples.toString(),
            "--k",
            "1",
            "--out",
            out.toString(),
            "--timeout",
            "20"));
    JsonNode sum = MAPPER.readTree(out.resolve("summary.json").toFile());
    assertEquals(164, sum.get("tasks").asInt());
    assertEquals(1.0, sum.get("pass_at_k").get("1").asDouble());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Runs the first half of the jobs on a real runner, then fails as a killed process would. */
  private record HalfThenDie(ProgramRunner real) implements ProgramRunner {
    @Override
    public ExecutionResult run(ExecutionJob job) {
      return real.run(job);
    }

    @Override
    public List<ExecutionResult> runAll(List<ExecutionJob> jobs, RunListener listener) {
      real.runAll(jobs.subList(0, jobs.size() / 2), listener);
      throw new IllegalStateException("killed halfway");
    }

    @Override
    public void close() {
      real.close();
    }
  }
}
