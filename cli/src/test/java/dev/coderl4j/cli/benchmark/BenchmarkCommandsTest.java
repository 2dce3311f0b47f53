package dev.coderl4j.cli.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.exec.JobLines;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code coderl benchmark generate} and {@code export}: outputs, and one-line errors on bad input.
 */
class BenchmarkCommandsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What a command printed and the exception it ended with, if any. */
  record Run(int code, String out, Exception error) {}

  static Run run(String... args) {
    CommandLine cl = new CommandLine(new BenchmarkCommand());
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out));
    Exception[] error = new Exception[1];
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          error[0] = e;
          return 2;
        });
    int code = cl.execute(args);
    return new Run(code, out.toString(), error[0]);
  }

  /** A bad input ends with one line that names the input and says what to do. */
  static String oneLineError(Run r) {
    assertEquals(2, r.code());
    assertInstanceOf(IllegalArgumentException.class, r.error());
    String msg = r.error().getMessage();
    assertFalse(msg.contains("\n"), "not one line: " + msg);
    return msg;
  }

  private static Path generateSmall(Path dir) {
    Run r =
        run(
            "generate",
            "list-programs",
            "--seed",
            "5",
            "--train",
            "40",
            "--test",
            "12",
            "--size",
            "test-compositional=6",
            "--out",
            dir.toString());
    assertEquals(0, r.code(), String.valueOf(r.error()));
    return dir;
  }

  @Test
  void generatesTheSameFolderForTheSameSeed(@TempDir Path tmp) throws Exception {
    Path a = generateSmall(tmp.resolve("a"));
    Path b = generateSmall(tmp.resolve("b"));
    for (String f :
        List.of("train.jsonl", "test.jsonl", "test-compositional.jsonl", "manifest.json")) {
      assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f);
    }
    assertEquals(40, Files.readAllLines(a.resolve("train.jsonl")).size());
    assertEquals(6, Files.readAllLines(a.resolve("test-compositional.jsonl")).size());
    assertTrue(Files.readString(a.resolve("provenance.json")).contains("\"git_commit\""));
    // Regenerating into the same folder is allowed and gives the same bytes.
    String before = Files.readString(a.resolve("train.jsonl"));
    generateSmall(a);
    assertEquals(before, Files.readString(a.resolve("train.jsonl")));
  }

  @Test
  void badGenerateInputGetsAOneLineErrorThatNamesTheFix(@TempDir Path tmp) throws Exception {
    String m =
        oneLineError(
            run(
                "generate",
                "list-programs",
                "--seed",
                "forty-two",
                "--out",
                tmp.resolve("x").toString()));
    assertTrue(m.contains("--seed must be a whole number, e.g. --seed 42"), m);
    m = oneLineError(run("generate", "no-such-benchmark", "--seed", "1", "--out", tmp.toString()));
    assertTrue(m.contains("no-such-benchmark") && m.contains("known: [list-programs]"), m);
    m =
        oneLineError(
            run(
                "generate",
                "list-programs",
                "--seed",
                "1",
                "--train",
                "many",
                "--out",
                tmp.resolve("y").toString()));
    assertTrue(m.contains("--train must be a whole number"), m);
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("manifest.json"), "{\"benchmark\": \"mbpp\"}");
    m = oneLineError(run("generate", "list-programs", "--seed", "1", "--out", other.toString()));
    assertTrue(
        m.contains("already holds benchmark 'mbpp'") && m.contains("choose an empty or new folder"),
        m);
    Path foreign = Files.createDirectories(tmp.resolve("foreign"));
    Files.writeString(foreign.resolve("mbpp.jsonl"), "{}\n");
    m = oneLineError(run("generate", "list-programs", "--seed", "1", "--out", foreign.toString()));
    assertTrue(m.contains("holds no generated benchmark"), m);
    m =
        oneLineError(
            run(
                "generate",
                "list-programs",
                "--seed",
                "1",
                "--size",
                "dev=3",
                "--out",
                tmp.resolve("z").toString()));
    assertTrue(m.contains("known: [train, test, test-compositional]"), m);
  }

  @Test
  void badExportInputGetsAOneLineErrorThatNamesTheFix(@TempDir Path tmp) {
    String m =
        oneLineError(
            run("export", "--benchmark", "nope", "--out", tmp.resolve("x.jsonl").toString()));
    assertTrue(m.contains("known: [") && m.contains("list-programs") && m.contains("mbpp"), m);
    m =
        oneLineError(
            run(
                "export",
                "--benchmark",
                "list-programs",
                "--benchmark-params",
                "{\"split\": \"dev\"}",
                "--out",
                tmp.resolve("x.jsonl").toString()));
    assertTrue(m.contains("known: [train, test, test-compositional]"), m);
  }

  private static List<JsonNode> export(Path tmp, String benchmark, String params) throws Exception {
    Path out = tmp.resolve(benchmark + ".jsonl");
    Run r =
        run(
            "export",
            "--benchmark",
            benchmark,
            "--benchmark-params",
            params,
            "--out",
            out.toString());
    assertEquals(0, r.code(), String.valueOf(r.error()));
    assertTrue(Files.exists(tmp.resolve(benchmark + ".jsonl.provenance.json")));
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(out)) {
      lines.add(MAPPER.readTree(l));
    }
    return lines;
  }

  /** Every line's tests, with its canonical solution, make a job that {@code coderl exec} reads. */
  private static void testsAreExecJobs(List<JsonNode> lines, Benchmark bench) {
    JobLines codec = new JobLines();
    for (JsonNode l : lines) {
      assertEquals(l.get("task_id").asText(), bench.problemId(l.get("task_id").asText()));
      for (String suite : List.of("hidden_tests", "example_tests")) {
        ObjectNode job = MAPPER.createObjectNode();
        job.put("id", l.get("task_id").asText());
        job.put(
            "kind",
            suite.equals("example_tests") && l.has("example_kind")
                ? l.get("example_kind").asText()
                : l.get("kind").asText());
        job.put(
            "program",
            l.get("canonical_solution").isNull() ? "pass" : l.get("canonical_solution").asText());
        job.set("tests", l.get(suite));
        if (l.has("setup")) {
          job.put("setup", l.get("setup").asText());
        }
        if (job.get("kind").asText().equals("call")) {
          job.put("fn_name", l.get("fn_name").asText());
        }
        assertInstanceOf(JobLines.Parsed.Job.class, codec.parse(job.toString(), 1), job.toString());
      }
    }
  }

  @Test
  void exportsListProgramsWithEveryField(@TempDir Path tmp) throws Exception {
    Path dir = generateSmall(tmp.resolve("gen"));
    List<JsonNode> lines =
        export(
            tmp,
            "list-programs",
            "{\"path\": \"" + dir.toString().replace("\\", "\\\\") + "\", \"split\": \"train\"}");
    assertEquals(40, lines.size());
    JsonNode l = lines.getFirst();
    assertEquals("list-programs/train/0", l.get("task_id").asText());
    assertTrue(l.get("prompt").asText().startsWith("\nQUESTION:\n"));
    assertTrue(l.get("prompt").asText().contains(l.get("example_tests").get(0).asText()));
    assertEquals("assert", l.get("kind").asText());
    assertEquals("solve", l.get("fn_name").asText());
    assertEquals("train", l.get("split").asText());
    assertTrue(l.get("hidden_tests").size() >= 10);
    assertTrue(
        List.of("introductory", "interview", "competition").contains(l.get("difficulty").asText()));
    PluginResolver resolver = Wiring.injector().getInstance(PluginResolver.class);
    testsAreExecJobs(
        lines,
        resolver.create(
            Benchmark.class,
            new PluginSpec(
                "list-programs",
                MAPPER.readTree(
                    "{\"path\": \""
                        + dir.toString().replace("\\", "\\\\")
                        + "\", \"split\": \"train\"}"))));
  }

  @Test
  void exportsTheOtherBenchmarksToo(@TempDir Path tmp) throws Exception {
    PluginResolver resolver = Wiring.injector().getInstance(PluginResolver.class);
    List<JsonNode> mbpp = export(tmp, "mbpp", "{\"split\": \"all\"}");
    assertEquals(974, mbpp.size());
    JsonNode m367 =
        mbpp.stream()
            .filter(l -> l.get("task_id").asText().equals("mbpp/367"))
            .findFirst()
            .orElseThrow();
    assertNotNull(m367.get("setup"), "MBPP 367 has test setup code");
    assertTrue(mbpp.getFirst().get("difficulty").isNull());
    testsAreExecJobs(
        mbpp,
        resolver.create(
            Benchmark.class, new PluginSpec("mbpp", MAPPER.readTree("{\"split\": \"all\"}"))));
    List<JsonNode> he = export(tmp, "humaneval", "{}");
    assertEquals(164, he.size());
    assertEquals("has_close_elements", he.getFirst().get("fn_name").asText());
    List<JsonNode> apps = export(tmp, "apps", "{\"dataset\": \"test\"}");
    assertEquals(10, apps.size());
    assertTrue(apps.stream().anyMatch(l -> l.get("kind").asText().equals("stdin")));
    assertTrue(apps.stream().allMatch(l -> !l.get("difficulty").isNull()));
    testsAreExecJobs(apps, resolver.create(Benchmark.class, PluginSpec.of("apps")));
  }
}
