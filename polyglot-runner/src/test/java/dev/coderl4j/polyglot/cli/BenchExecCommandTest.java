package dev.coderl4j.polyglot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.plugin.CommandContribution;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.problem.TestSuite;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code coderl bench exec}'s parts (the whole command runs end to end in cli's {@code
 * BenchExecEndToEndTest}, which has the child {@code coderl exec} it starts).
 */
class BenchExecCommandTest {
  @Test
  void theModuleContributesBenchExecAndIsDiscoverable() {
    var contributions =
        Guice.createInjector(new CoreModule(), new BenchExecModule())
            .getInstance(CommandContribution.mapKey());
    assertEquals(List.of("bench exec"), List.copyOf(contributions.keySet()));
    assertTrue(contributions.get("bench exec").create(null) instanceof BenchExecCommand);
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof BenchExecModule));
  }

  @Test
  void replicatedCopiesHaveDistinctSourcesAndIds() {
    TestSuite t = new TestSuite.Asserts("", List.of("assert f() == 1"));
    List<ExecutionJob> base =
        List.of(
            new ExecutionJob("a", "def f():\n    return 1\n", t),
            new ExecutionJob("b", "def f(:\n", t));
    List<ExecutionJob> big = BenchExecCommand.replicate(base, 7);
    assertEquals(7, big.size());
    assertEquals(7, new HashSet<>(big.stream().map(ExecutionJob::program).toList()).size());
    assertEquals(7, new HashSet<>(big.stream().map(ExecutionJob::id).toList()).size());
    assertEquals(base.get(1), big.get(1));
    assertTrue(big.get(6).program().startsWith(base.get(0).program()), big.get(6).program());
  }
}
