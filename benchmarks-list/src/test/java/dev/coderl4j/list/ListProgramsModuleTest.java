package dev.coderl4j.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.BenchmarkGenerator;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.Problem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Wiring: the module's names resolve through core's resolver, with their defaults. */
class ListProgramsModuleTest {
  private final PluginResolver resolver =
      Guice.createInjector(new CoreModule(), new ListProgramsModule())
          .getInstance(PluginResolver.class);

  private Benchmark withParams(String json) throws Exception {
    return resolver.create(
        Benchmark.class, new PluginSpec(ListPrograms.NAME, new ObjectMapper().readTree(json)));
  }

  @Test
  void resolvesEveryName() throws Exception {
    assertEquals(Set.of(ListPrograms.NAME), resolver.names(Benchmark.class));
    assertEquals(Set.of(ListPrograms.NAME), resolver.names(BenchmarkGenerator.class));
    assertEquals(Set.of(ListPrograms.NAME), resolver.names(PromptFormat.class));
    Benchmark test = resolver.create(Benchmark.class, PluginSpec.of(ListPrograms.NAME));
    assertEquals(1000, test.problems().size(), "the test split by default");
    assertEquals(5000, withParams("{\"split\": \"train\"}").problems().size());
    assertEquals(300, withParams("{\"split\": \"test-compositional\"}").problems().size());
    assertEquals("list-programs/test/17", test.problemId("17"));
    assertEquals("list-programs/test/17", test.problemId("test/17"));
    assertEquals("list-programs/test/17", test.problemId("list-programs/test/17"));
    assertThrows(IllegalArgumentException.class, () -> test.problemId("train/17"));
    assertInstanceOf(
        ListProgramsFormat.class,
        resolver.create(PromptFormat.class, PluginSpec.of(test.defaultPromptFormat())));
    assertInstanceOf(
        ListProgramsGenerator.class,
        resolver.create(BenchmarkGenerator.class, PluginSpec.of(ListPrograms.NAME)));
  }

  @Test
  void problemsAreFunctionCallProblemsWithTheirExamplesInTheStatement() {
    Problem p =
        resolver.create(Benchmark.class, PluginSpec.of(ListPrograms.NAME)).problems().get(0);
    assertEquals("list-programs/test/0", p.id());
    assertTrue(p.difficulty().isPresent());
    assertTrue(p.hiddenTests().size() >= 10);
    var examples = (dev.coderl4j.core.problem.TestSuite.Asserts) p.exampleTests();
    for (String a : examples.asserts()) {
      assertTrue(p.statement().contains(a), a);
    }
    assertTrue(
        p.solutions().getFirst().startsWith("def solve(")
            || p.solutions().getFirst().startsWith("from itertools"));
    assertEquals("solve", p.metadata().get(ListPrograms.ENTRY_POINT));
    String prompt = new ListProgramsFormat().prompt(p);
    assertTrue(
        prompt.startsWith("\nQUESTION:\n")
            && prompt.endsWith("\nUse Call-Based format\nANSWER:\n"));
  }

  @Test
  void examplesFalseLeavesTheExamplesOutOfThePromptOnly() throws Exception {
    Problem p = withParams("{\"split\": \"test\"}").problems().getFirst();
    String with = new ListProgramsFormat().prompt(p);
    String without = new ListProgramsFormat(new ListProgramsFormat.Params(false)).prompt(p);
    var examples = (dev.coderl4j.core.problem.TestSuite.Asserts) p.exampleTests();
    assertFalse(examples.asserts().isEmpty());
    for (String a : examples.asserts()) {
      assertTrue(with.contains(a), a);
      assertFalse(without.contains(a), a);
    }
    assertFalse(without.contains("Examples:"));
    assertTrue(without.startsWith("\nQUESTION:\n" + p.statement().substring(0, 40)));
    assertTrue(without.endsWith(".\nUse Call-Based format\nANSWER:\n"));
  }

  @Test
  void maxStepsKeepsTheShortPrograms() throws Exception {
    List<Problem> intro = withParams("{\"split\": \"train\", \"maxSteps\": 2}").problems();
    assertEquals(353, intro.size(), "the bundled train split's 1- and 2-step programs");
    assertTrue(intro.stream().allMatch(p -> p.difficulty().orElseThrow().equals("introductory")));
    assertEquals(710, withParams("{\"maxSteps\": 3}").problems().size());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> withParams("{\"maxSteps\": 0}"));
    assertTrue(e.getMessage().contains("maxSteps must be 1 to 5"), e.getMessage());
  }

  @Test
  void badParamsSayHowToFixThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> withParams("{\"split\": \"dev\"}"));
    assertTrue(e.getMessage().contains("known: [train, test, test-compositional]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> withParams("{\"path\": \"/nonexistent\"}"));
    assertTrue(e.getMessage().contains("coderl benchmark generate list-programs"), e.getMessage());
  }

  @Test
  void isDiscoverableWithServiceLoader() {
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof ListProgramsModule));
  }
}
