package dev.coderl4j.evalplus.cli;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.plugin.CommandContribution;
import dev.coderl4j.core.plugin.PluginModule;

/** Adds {@code coderl bench evalplus} to the CLI. */
public final class BenchEvalPlusModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    CommandContribution.bind(
        binder(), new CommandContribution("bench", "evalplus", BenchEvalPlusCommand::new));
  }
}
