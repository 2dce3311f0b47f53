package dev.coderl4j.cli.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.cli.evaluate.EvaluateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The benchmark checked from outside, as the issue asks: the bundled list-programs split is
 * exported, its canonical solutions become a samples file, and {@code coderl evaluate} with each
 * real runner scores every one of them as passing.
 */
@Tag("slow")
class BenchmarkExportIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "graalpy, test",
    "cpython, test",
    "graalpy, test-compositional",
    "cpython, test-compositional"
  })
  void everyCanonicalSolutionPassesUnderEvaluate(String backend, String split, @TempDir Path tmp)
      throws Exception {
    assumeTrue(!backend.equals("cpython") || hasPython(), "no python3 on the PATH");
    String params = "{\"split\": \"" + split + "\"}";
    Path export = tmp.resolve("export.jsonl");
    var r =
        BenchmarkCommandsTest.run(
            "export",
            "--benchmark",
            "list-programs",
            "--benchmark-params",
            params,
            "--out",
            export.toString());
    assertEquals(0, r.code(), String.valueOf(r.error()));
    List<String> samples = new ArrayList<>();
    for (String line : Files.readAllLines(export)) {
      JsonNode l = MAPPER.readTree(line);
      samples.add(
          MAPPER.writeValueAsString(
              Map.of(
                  "task_id",
                  l.get("task_id").asText(),
                  "solution",
                  l.get("canonical_solution").asText())));
    }
    Path samplesFile = Files.write(tmp.resolve("samples.jsonl"), samples);
    String runnerParams =
        backend.equals("cpython")
            ? "{\"mode\": \"persistent\"}"
            : "{\"compilation\": \"interpreter\"}";
    CommandLine cl = new CommandLine(new EvaluateCommand());
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    int code =
        cl.execute(
            "--benchmark",
            "list-programs",
            "--benchmark-params",
            params,
            "--samples",
            samplesFile.toString(),
            "--k",
            "1",
            "--n",
            "1",
            "--backend",
            backend,
            "--runner-params",
            runnerParams,
            "--workers",
            "2",
            "--timeout",
            "20",
            "--out",
            tmp.resolve("eval").toString());
    assertEquals(0, code);
    JsonNode summary = MAPPER.readTree(tmp.resolve("eval/summary.json").toFile());
    assertEquals(
        samples.size(),
        summary.get("outcomes").get("PASSED").asInt(),
        summary.get("outcomes").toString());
    assertEquals(1, summary.get("outcomes").size(), summary.get("outcomes").toString());
    assertEquals(1.0, summary.get("pass_at_k").get("1").asDouble());
  }

  static boolean hasPython() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
