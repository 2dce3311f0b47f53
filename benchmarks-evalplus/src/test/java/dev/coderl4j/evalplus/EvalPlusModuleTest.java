package dev.coderl4j.evalplus;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Wiring: the module's names resolve through core's resolver; bad params say how to fix them. */
class EvalPlusModuleTest {
  private final PluginResolver resolver =
      Guice.createInjector(new CoreModule(), new EvalPlusModule())
          .getInstance(PluginResolver.class);
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void resolvesEveryName() throws Exception {
    assertTrue(
        resolver
            .names(Benchmark.class)
            .containsAll(Set.of("humaneval-plus", "mbpp-plus", "leetcode")));
    assertTrue(resolver.names(PromptFormat.class).containsAll(Set.of("evalplus", "leetcode")));
    Benchmark he =
        resolver.create(
            Benchmark.class,
            new PluginSpec(
                "humaneval-plus",
                mapper.readTree(
                    "{\"path\": "
                        + mapper.writeValueAsString(Fixtures.path("humanevalplus-sample.jsonl.gz"))
                        + ", \"cacheDir\": "
                        + mapper.writeValueAsString(Fixtures.cache())
                        + "}")));
    assertTrue(
        he.problemId("HumanEval/7").equals("HumanEval/7")
            && he.problemId("7").equals("HumanEval/7"));
    assertTrue(
        resolver.create(PromptFormat.class, PluginSpec.of(he.defaultPromptFormat()))
            instanceof EvalPlusFormat);
  }

  @Test
  void badParamsSayHowToFixThem() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.create(
                    Benchmark.class,
                    new PluginSpec("leetcode", mapper.readTree("{\"split\": \"dev\"}"))));
    assertTrue(e.getMessage().contains("known: [train, test, v0.2.0-test]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.create(
                    Benchmark.class,
                    new PluginSpec(
                        "mbpp-plus", mapper.readTree("{\"path\": \"/nonexistent.jsonl.gz\"}"))));
    assertTrue(e.getMessage().contains("\"path\" param"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.create(
                    Benchmark.class,
                    new PluginSpec("humaneval-plus", mapper.readTree("{\"timeFactor\": 0.5}"))));
    assertTrue(e.getMessage().contains("timeFactor"), e.getMessage());
  }

  @Test
  void isDiscoverableWithServiceLoader() {
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof EvalPlusModule));
  }
}
