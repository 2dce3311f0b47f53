package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.polyglot.cpython.CPythonParams;
import dev.coderl4j.polyglot.cpython.CPythonRunner;
import dev.coderl4j.polyglot.graalpy.GraalPyParams;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PolyglotRunnerModuleTest {
  private final PluginResolver resolver =
      Guice.createInjector(new CoreModule(), new PolyglotRunnerModule())
          .getInstance(PluginResolver.class);

  @Test
  void bothRunnersAreRegisteredAndTheModuleIsDiscoverable() {
    assertEquals(Set.of("graalpy", "cpython"), resolver.names(ProgramRunner.class));
    assertTrue(
        PluginModule.discover(getClass().getClassLoader()).stream()
            .anyMatch(m -> m instanceof PolyglotRunnerModule));
  }

  @Test
  void paramsAreReadWithDefaultsAndValidated() throws Exception {
    ObjectMapper m = new ObjectMapper();
    GraalPyParams p =
        resolver.readParams(
            ProgramRunner.class,
            new PluginSpec("graalpy", m.readTree("{\"timeoutSeconds\": 2, \"workers\": 3}")),
            GraalPyParams.class);
    assertEquals(2.0, p.timeoutSeconds());
    assertEquals(3, p.workerCount());
    assertEquals("jit", p.compilation());
    assertEquals("c1", p.hostCompiler());
    var hc =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.readParams(
                    ProgramRunner.class,
                    new PluginSpec("graalpy", m.readTree("{\"hostCompiler\": \"c2\"}")),
                    GraalPyParams.class));
    assertTrue(hc.getMessage().contains("tiered"), hc.getMessage());
    assertEquals(4.0, GraalPyParams.defaults().timeoutSeconds());
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                resolver.readParams(
                    ProgramRunner.class,
                    new PluginSpec("graalpy", m.readTree("{\"compilation\": \"fast\"}")),
                    GraalPyParams.class));
    assertTrue(e.getMessage().contains("jit"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            resolver.readParams(
                ProgramRunner.class,
                new PluginSpec("cpython", m.readTree("{\"mode\": \"x\"}")),
                CPythonParams.class));
  }

  @Test
  void theCpythonRunnerIsCreatedByName() {
    Assumptions.assumeTrue(Runners.hasPython(), "python3 is not on the PATH");
    try (ProgramRunner r = resolver.create(ProgramRunner.class, PluginSpec.of("cpython"))) {
      assertTrue(r instanceof CPythonRunner);
    }
  }
}
