package dev.coderl4j.evalplus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.plugin.CommandContribution;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.evalplus.EvalPlusModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code coderl bench evalplus}: the module contributes it, and it builds its sample set. */
class BenchEvalPlusCommandTest {
  private final Injector injector =
      Guice.createInjector(new CoreModule(), new EvalPlusModule(), new BenchEvalPlusModule());

  @TempDir Path dir;

  @Test
  void contributesBenchEvalPlusAndIsDiscoverable() {
    var contributions = injector.getInstance(CommandContribution.mapKey());
    assertEquals(Set.of("bench evalplus"), contributions.keySet());
    assertInstanceOf(
        BenchEvalPlusCommand.class, contributions.get("bench evalplus").create(injector));
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof BenchEvalPlusModule));
  }

  @Test
  void writesTheMixedSampleSetThroughTheInjectorsBenchmark() throws Exception {
    Assumptions.assumeTrue(
        new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0, "no python3");
    ObjectMapper m = new ObjectMapper();
    Path data =
        Path.of(
            getClass().getResource("/dev/coderl4j/evalplus/humanevalplus-sample.jsonl.gz").toURI());
    String params =
        m.writeValueAsString(
            java.util.Map.of(
                "path",
                data.toString(),
                "cacheDir",
                Path.of("target", "test-cache").toAbsolutePath().toString()));
    Path samples = dir.resolve("samples.jsonl");
    int rc =
        new CommandLine(new BenchEvalPlusCommand(injector))
            .execute(
                "--benchmark-params",
                params,
                "--tasks",
                "2",
                "--per-task",
                "10",
                "--write-samples",
                samples.toString());
    assertEquals(0, rc);
    List<String> lines = Files.readAllLines(samples);
    assertEquals(20, lines.size());
    long canonical = lines.stream().filter(l -> l.contains("\"kind\":\"canonical\"")).count();
    long baseOnly = lines.stream().filter(l -> l.contains("\"kind\":\"base-only\"")).count();
    assertEquals(10, canonical);
    assertEquals(6, baseOnly);
  }
}
