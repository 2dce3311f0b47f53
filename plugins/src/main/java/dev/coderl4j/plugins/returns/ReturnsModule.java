package dev.coderl4j.plugins.returns;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;
import dev.coderl4j.core.returns.ReturnEstimator;

/** Registers the return estimators: Table 2's A–D, {@code group-mean}, {@code imitate-samples}. */
public final class ReturnsModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    var returns = Plugins.mapBinder(binder(), ReturnEstimator.class);
    returns.addBinding(GreedyBaseline.NAME).to(GreedyBaseline.Factory.class);
    returns.addBinding(CriticValues.NAME).to(CriticValues.Factory.class);
    returns.addBinding(GreedyBaselineDecay.NAME).to(GreedyBaselineDecay.Factory.class);
    returns.addBinding(GreedyBaselineCritic.NAME).to(GreedyBaselineCritic.Factory.class);
    returns.addBinding(GroupMean.NAME).to(GroupMean.Factory.class);
    returns.addBinding(ImitateSamples.NAME).to(ImitateSamples.Factory.class);
  }
}
