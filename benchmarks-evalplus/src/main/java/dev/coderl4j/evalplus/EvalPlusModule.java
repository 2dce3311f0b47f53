package dev.coderl4j.evalplus;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.benchmark.PromptFormat;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;

/** Registers {@code humaneval-plus}, {@code mbpp-plus}, {@code leetcode} and their formats. */
public final class EvalPlusModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    var benchmarks = Plugins.mapBinder(binder(), Benchmark.class);
    benchmarks
        .addBinding(EvalPlusBenchmark.HUMANEVAL_NAME)
        .to(EvalPlusBenchmark.HumanEvalFactory.class);
    benchmarks.addBinding(EvalPlusBenchmark.MBPP_NAME).to(EvalPlusBenchmark.MbppFactory.class);
    benchmarks.addBinding(LeetCodeBenchmark.NAME).to(LeetCodeBenchmark.Factory.class);
    var formats = Plugins.mapBinder(binder(), PromptFormat.class);
    formats.addBinding(EvalPlusFormat.NAME).to(EvalPlusFormat.Factory.class);
    formats.addBinding(LeetCodeFormat.NAME).to(LeetCodeFormat.Factory.class);
  }
}
