package dev.coderl4j.core;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.plugin.CommandContribution;
import dev.coderl4j.core.plugin.Plugins;
import java.util.List;

/**
 * Declares one MapBinder per extension point, so every point exists (possibly empty) before any
 * plugin module adds to it.
 */
public final class CoreModule extends AbstractModule {

  /** The extension points; a new SPI is added here and nowhere else in core. */
  public static final List<Class<?>> EXTENSION_POINTS =
      List.of(
          ProgramRunner.class,
          Actor.class,
          DecodingStrategy.class,
          dev.coderl4j.core.reward.RewardScheme.class,
          dev.coderl4j.core.critic.Critic.class,
          Benchmark.class,
          PromptFormat.class,
          dev.coderl4j.core.returns.ReturnEstimator.class,
          dev.coderl4j.core.benchmark.BenchmarkGenerator.class);

  @Override
  protected void configure() {
    for (Class<?> spi : EXTENSION_POINTS) {
      Plugins.mapBinder(binder(), spi);
    }
    // The subcommands modules add to the CLI (none is a valid, empty map).
    CommandContribution.mapBinder(binder());
  }
}
