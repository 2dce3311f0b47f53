package dev.coderl4j.apps;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;

/** Registers the {@code apps} benchmark and CodeRL's {@code coderl-apps} prompt format. */
public final class AppsModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    Plugins.mapBinder(binder(), Benchmark.class)
        .addBinding(AppsBenchmark.NAME)
        .to(AppsBenchmark.Factory.class);
    Plugins.mapBinder(binder(), PromptFormat.class)
        .addBinding(CodeRlAppsFormat.NAME)
        .to(CodeRlAppsFormat.Factory.class);
  }
}
