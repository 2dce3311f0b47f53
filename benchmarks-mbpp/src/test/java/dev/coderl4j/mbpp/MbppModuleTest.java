package dev.coderl4j.mbpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Wiring: the module's names resolve through core's resolver, with their defaults. */
class MbppModuleTest {
  private final Injector injector = Guice.createInjector(new CoreModule(), new MbppModule());
  private final PluginResolver resolver = injector.getInstance(PluginResolver.class);

  @Test
  void resolvesEveryName() throws Exception {
    assertTrue(
        resolver.names(Benchmark.class).containsAll(Set.of("mbpp", "mbpp-sanitized", "humaneval")));
    assertTrue(
        resolver
            .names(PromptFormat.class)
            .containsAll(Set.of("mbpp-apps", "mbpp-few-shot", "humaneval")));
    Benchmark mbpp = resolver.create(Benchmark.class, PluginSpec.of("mbpp"));
    assertEquals(500, mbpp.problems().size(), "the test split by default");
    assertEquals("mbpp/11", mbpp.problems().getFirst().id());
    assertEquals("mbpp/11", mbpp.problemId("Mbpp/11"));
    assertEquals("mbpp/11", mbpp.problemId("11"));
    assertThrows(IllegalArgumentException.class, () -> mbpp.problemId("HumanEval/1"));
    Benchmark all =
        resolver.create(
            Benchmark.class,
            new PluginSpec("mbpp", new ObjectMapper().readTree("{\"split\": \"all\"}")));
    assertEquals(974, all.problems().size());
    assertEquals(
        257, resolver.create(Benchmark.class, PluginSpec.of("mbpp-sanitized")).problems().size());
    Benchmark he = resolver.create(Benchmark.class, PluginSpec.of("humaneval"));
    assertEquals(164, he.problems().size());
    assertEquals("HumanEval/3", he.problemId("HumanEval/3"));
    assertInstanceOf(
        MbppFewShotFormat.class,
        resolver.create(PromptFormat.class, PluginSpec.of("mbpp-few-shot")));
    assertInstanceOf(
        PromptFormat.class,
        resolver.create(PromptFormat.class, PluginSpec.of(mbpp.defaultPromptFormat())));
  }

  @Test
  void badParamsSayHowToFixThem() throws Exception {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.create(
                    Benchmark.class,
                    new PluginSpec("mbpp", new ObjectMapper().readTree("{\"split\": \"dev\"}"))));
    assertTrue(
        e.getMessage().contains("known: [all, prompt, test, train, validation]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.create(
                    Benchmark.class,
                    new PluginSpec(
                        "mbpp", new ObjectMapper().readTree("{\"path\": \"/nonexistent\"}"))));
    assertTrue(e.getMessage().contains("No file at path"), e.getMessage());
  }

  @Test
  void isDiscoverableWithServiceLoader() {
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof MbppModule));
  }
}
