package dev.coderl4j.polyglot;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;
import dev.coderl4j.polyglot.cpython.CPythonRunner;
import dev.coderl4j.polyglot.graalpy.GraalPyRunner;

/** Registers the {@code graalpy} and {@code cpython} program runners. */
public final class PolyglotRunnerModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    var runners = Plugins.mapBinder(binder(), ProgramRunner.class);
    runners.addBinding(GraalPyRunner.NAME).to(GraalPyRunner.Factory.class);
    runners.addBinding(CPythonRunner.NAME).to(CPythonRunner.Factory.class);
  }
}
