package dev.coderl4j.mbpp;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;

/** Registers the MBPP and HumanEval benchmarks and their prompt formats. */
public final class MbppModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    var benchmarks = Plugins.mapBinder(binder(), Benchmark.class);
    benchmarks.addBinding(MbppBenchmark.NAME).to(MbppBenchmark.Factory.class);
    benchmarks.addBinding(MbppBenchmark.SANITIZED_NAME).to(MbppBenchmark.SanitizedFactory.class);
    benchmarks.addBinding(HumanEvalBenchmark.NAME).to(HumanEvalBenchmark.Factory.class);
    var formats = Plugins.mapBinder(binder(), PromptFormat.class);
    formats.addBinding(MbppAppsFormat.NAME).to(MbppAppsFormat.Factory.class);
    formats.addBinding(MbppFewShotFormat.NAME).to(MbppFewShotFormat.Factory.class);
    formats.addBinding(HumanEvalFormat.NAME).to(HumanEvalFormat.Factory.class);
  }
}
