package dev.coderl4j.polyglot.cli;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.plugin.CommandContribution;
import dev.coderl4j.core.plugin.PluginModule;

/** Adds {@code coderl bench exec} to the CLI. */
public final class BenchExecModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    CommandContribution.bind(
        binder(), new CommandContribution("bench", "exec", BenchExecCommand::new));
  }
}
