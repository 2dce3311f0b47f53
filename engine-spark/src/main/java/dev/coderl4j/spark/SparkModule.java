package dev.coderl4j.spark;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.plugin.CommandContribution;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;

/**
 * Registers the {@code spark} runner and adds {@code coderl bench spark} to the CLI (found by the
 * CLI on the class path with ServiceLoader).
 */
public final class SparkModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    Plugins.bind(binder(), ProgramRunner.class, SparkRunner.NAME).to(SparkRunner.Factory.class);
    CommandContribution.bind(
        binder(), new CommandContribution("bench", "spark", BenchSparkCommand::new));
  }
}
