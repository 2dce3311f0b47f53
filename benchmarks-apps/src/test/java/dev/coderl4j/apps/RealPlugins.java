package dev.coderl4j.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Module;
import dev.coderl4j.core.CoreModule;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The real plugins on the test class path (the graalpy runner among them), found as a user's run
 * finds them.
 */
final class RealPlugins {
  private RealPlugins() {}

  static PluginResolver resolver() {
    List<Module> modules = new ArrayList<>();
    modules.add(new CoreModule());
    modules.addAll(PluginModule.discover(RealPlugins.class.getClassLoader()));
    return Guice.createInjector(modules).getInstance(PluginResolver.class);
  }

  /** The graalpy runner with its defaults and {@code workers} workers. */
  static ProgramRunner graalpy(PluginResolver resolver, int workers) {
    return resolver.create(
        ProgramRunner.class,
        new PluginSpec("graalpy", new ObjectMapper().createObjectNode().put("workers", workers)));
  }
}
