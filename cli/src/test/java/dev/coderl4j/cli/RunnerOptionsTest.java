package dev.coderl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.plugin.PluginSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The one runner vocabulary: --runner, --runner-params, --timeout, --workers and their aliases. */
class RunnerOptionsTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static RunnerOptions parse(String... args) {
    RunnerOptions o = new RunnerOptions();
    new CommandLine(o).parseArgs(args);
    return o;
  }

  @Test
  void optionsAreLaidOverTheConfigsRunner() {
    PluginSpec base =
        new PluginSpec(
            "graalpy", M.createObjectNode().put("compilation", "interpreter").put("workers", 1));
    assertEquals(base.params(), parse().over(base).params());
    PluginSpec s =
        parse("--runner-params", "{\"maxContexts\": 3}", "--timeout", "2.5", "--workers", "4")
            .over(base);
    assertEquals("graalpy", s.type());
    assertEquals("interpreter", s.params().get("compilation").asText());
    assertEquals(3, s.params().get("maxContexts").asInt());
    assertEquals(2.5, s.params().get("timeoutSeconds").asDouble());
    assertEquals(4, s.params().get("workers").asInt());
    // Another runner starts from its own defaults; --backend and --graalpy-params are aliases.
    PluginSpec c =
        parse("--backend", "cpython", "--graalpy-params", "{\"mode\": \"persistent\"}").over(base);
    assertEquals("cpython", c.type());
    assertEquals(M.createObjectNode().put("mode", "persistent"), c.params());
  }

  @Test
  void execAndEvaluateTakeTheRunnerByName(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(hasPython(), "python3 is not on the PATH");
    Path jobs = dir.resolve("jobs.jsonl");
    Files.writeString(
        jobs,
        "{\"id\": \"a\", \"kind\": \"assert\", \"program\": \"def f():\\n"
            + "    return 1\\n\", \"tests\": [\"assert f() == 1\", \"assert f() == 2\"]}\n");
    Path out = dir.resolve("out.jsonl");
    assertEquals(
        0,
        new CommandLine(new Main())
            .execute(
                "exec",
                "--jobs",
                jobs.toString(),
                "--out",
                out.toString(),
                "--runner",
                "cpython",
                "--runner-params",
                "{\"mode\": \"process-per-job\"}",
                "--timeout",
                "3",
                "--workers",
                "1",
                "--quiet"));
    JsonNode line = M.readTree(Files.readAllLines(out).get(0));
    assertEquals("FAILED_TEST", line.get("outcome").asText());
    JsonNode prov = M.readTree(dir.resolve("out.jsonl.provenance.json").toFile());
    assertEquals("process-per-job", prov.get("config").get("runnerParams").get("mode").asText());

    // A solution of MBPP task 2, scored by CPython.
    Path samples = dir.resolve("samples.jsonl");
    Files.writeString(
        samples,
        M.writeValueAsString(
                M.createObjectNode()
                    .put("task_id", 2)
                    .put(
                        "solution",
                        "def similar_elements(a, b):\n    return tuple(set(a) & set(b))\n"))
            + "\n",
        StandardCharsets.UTF_8);
    Path eval = dir.resolve("eval");
    assertEquals(
        0,
        new CommandLine(new Main())
            .execute(
                "evaluate",
                "--benchmark",
                "mbpp",
                "--benchmark-params",
                "{\"split\": \"all\"}",
                "--samples",
                samples.toString(),
                "--k",
                "1",
                "--n",
                "1",
                "--runner",
                "cpython",
                "--workers",
                "1",
                "--out",
                eval.toString()));
    JsonNode sum = M.readTree(eval.resolve("summary.json").toFile());
    assertEquals("cpython", sum.get("run").get("backend").asText());
    assertEquals(1, sum.get("tasks").asInt());
    assertEquals(List.of("1"), List.copyOf(iter(sum.get("pass_at_k").fieldNames())));
  }

  private static boolean hasPython() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static <T> List<T> iter(java.util.Iterator<T> it) {
    java.util.ArrayList<T> l = new java.util.ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }
}
