package dev.coderl4j.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.cli.evaluate.EvaluateCommand;
import dev.coderl4j.core.config.ConfigLoader;
import dev.coderl4j.core.config.RunConfig;
import dev.coderl4j.core.run.Quickstart;
import dev.coderl4j.core.run.RunContext;
import dev.coderl4j.core.run.ScriptedPlugins;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The quick start's samples files and {@code report.json} are enough to reproduce its pass@k:
 * {@code coderl evaluate} on {@code samples/sampling.jsonl} (and {@code critic_sampling.jsonl})
 * with the benchmark and k the report names gives the report's {@code pass_at_k} exactly. Runs the
 * real quick start (Critic Sampling plugin included) on the scripted plugins of core's test-jar.
 */
class QuickstartReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void coderlEvaluateOnTheSamplesFilesReproducesTheReport(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("qs");
    Injector injector = Wiring.injector(new ScriptedPlugins());
    RunConfig cfg = new ConfigLoader().parse(ScriptedPlugins.runConfig(out), "toy.yaml", List.of());
    try (RunContext ctx = new RunContext(cfg, injector)) {
      ctx.validate();
      new Quickstart(ctx, new PrintStream(OutputStream.nullOutputStream())).run(System.nanoTime());
    }
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertEquals("toy", report.get("benchmark").get("type").asText());
    boolean someButNotAll = false;
    for (String name : List.of("sampling", "critic_sampling")) {
      Path samples = out.resolve(report.get("samples").get(name).asText());
      List<String> ks = new ArrayList<>();
      report.get("k").forEach(k -> ks.add(k.asText()));
      Path eval = dir.resolve("evaluate-" + name);
      CommandLine cl = new CommandLine(new EvaluateCommand(injector));
      cl.setOut(new PrintWriter(new StringWriter()));
      StringWriter err = new StringWriter();
      cl.setErr(new PrintWriter(err));
      int rc =
          cl.execute(
              "--benchmark",
              report.get("benchmark").get("type").asText(),
              "--benchmark-params",
              report.get("benchmark").get("params").toString(),
              "--samples",
              samples.toString(),
              "--k",
              String.join(",", ks),
              "--n",
              "1",
              "--runner",
              ScriptedPlugins.RUNNER,
              "--runner-params",
              cfg.runner().params().toString(),
              "--out",
              eval.toString());
      assertEquals(0, rc, err.toString());
      JsonNode summary = JSON.readTree(eval.resolve("summary.json").toFile());
      assertEquals(report.get("pass_at_k").get(name), summary.get("pass_at_k"), name);
      for (JsonNode v : summary.get("pass_at_k")) {
        someButNotAll |= v.asDouble() > 0 && v.asDouble() < 1;
      }
    }
    // The check means something only if pass@k is neither 0 nor 1 everywhere.
    assertTrue(someButNotAll, report.get("pass_at_k").toString());
  }
}
