package dev.coderl4j.list;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.BenchmarkGenerator;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;

/** Registers the list-programs benchmark, its generator and its prompt format. */
public final class ListProgramsModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    Plugins.bind(binder(), Benchmark.class, ListProgramsBenchmark.NAME)
        .to(ListProgramsBenchmark.Factory.class);
    Plugins.bind(binder(), BenchmarkGenerator.class, ListPrograms.NAME)
        .to(ListProgramsGenerator.Factory.class);
    Plugins.bind(binder(), PromptFormat.class, ListProgramsFormat.NAME)
        .to(ListProgramsFormat.Factory.class);
  }
}
