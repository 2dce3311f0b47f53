package dev.coderl4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import org.junit.jupiter.api.Test;

/** Wiring: {@code apps} and {@code coderl-apps} resolve through core's resolver. */
class AppsModuleTest {
  private final PluginResolver resolver =
      Guice.createInjector(new CoreModule(), new AppsModule()).getInstance(PluginResolver.class);

  private Benchmark apps(String params) throws Exception {
    return resolver.create(
        Benchmark.class, new PluginSpec("apps", new ObjectMapper().readTree(params)));
  }

  @Test
  void resolvesEveryBundledDataset() throws Exception {
    assertTrue(resolver.names(Benchmark.class).contains("apps"));
    assertInstanceOf(
        CodeRlAppsFormat.class, resolver.create(PromptFormat.class, PluginSpec.of("coderl-apps")));
    Benchmark test = resolver.create(Benchmark.class, PluginSpec.of("apps"));
    assertEquals(10, test.problems().size());
    assertEquals("apps/test/0203", test.problemId("203"));
    assertEquals("apps/test/0203", test.problemId("apps/test/0203"));
    assertThrows(IllegalArgumentException.class, () -> test.problemId("train/0001"));
    assertEquals(5, apps("{\"dataset\": \"train\"}").problems().size());
    assertEquals(127, apps("{\"dataset\": \"mapcoder150\"}").problems().size());
    assertEquals(296, apps("{\"dataset\": \"teamcoder300\"}").problems().size());
  }

  @Test
  void appsCompatibleRunsStdinTestsThroughTheHarness() throws Exception {
    Benchmark b = apps("{\"dataset\": \"train\", \"comparison\": \"apps-compatible\"}");
    Problem stdin =
        b.problems().stream()
            .filter(p -> p.id().equals("apps/train/0001"))
            .findFirst()
            .orElseThrow();
    ExecutionJob job = b.job("j", stdin, "print(1)", stdin.hiddenTests());
    TestSuite.Call call = assertInstanceOf(TestSuite.Call.class, job.tests());
    assertEquals(AppsCompatibleHarness.FUNCTION, call.fnName());
    assertEquals("true", call.cases().getFirst().outputJson());
    assertTrue(job.program().startsWith(AppsHeader.TEXT + "_CODERL_SRC = \"print(1)\"\n"));
    Problem callBased =
        b.problems().stream()
            .filter(p -> p.id().equals("apps/train/4184"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        callBased.hiddenTests(), b.job("k", callBased, "x", callBased.hiddenTests()).tests());
    Benchmark strict = apps("{\"dataset\": \"train\"}");
    assertEquals(
        stdin.hiddenTests(), strict.job("j", stdin, "print(1)", stdin.hiddenTests()).tests());
    assertEquals(new OutputComparison.Strict(), ((AppsBenchmark) strict).comparison());
  }

  @Test
  void badParamsSayHowToFixThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> apps("{\"comparison\": \"sets\"}"));
    assertTrue(e.getMessage().contains("known: [apps-compatible, strict]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> apps("{\"dataset\": \"/no/such/apps\"}"));
    assertTrue(e.getMessage().contains("neither a bundled set"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> apps("{\"split\": \"dev\"}"));
    assertTrue(e.getMessage().contains("'test' or 'train'"), e.getMessage());
  }

  @Test
  void isDiscoverableWithServiceLoader() {
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof AppsModule));
  }
}
