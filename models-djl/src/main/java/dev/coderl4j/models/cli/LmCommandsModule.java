package dev.coderl4j.models.cli;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.plugin.CommandContribution;
import dev.coderl4j.core.plugin.PluginModule;

/** Adds {@code coderl lm} and {@code coderl bench lm} to the CLI. */
public final class LmCommandsModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    CommandContribution.bind(
        binder(), new CommandContribution(CommandContribution.TOP_LEVEL, "lm", LmCommand::new));
    CommandContribution.bind(binder(), new CommandContribution("bench", "lm", BenchLmCommand::new));
  }
}
