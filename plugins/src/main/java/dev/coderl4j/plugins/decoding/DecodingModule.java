package dev.coderl4j.plugins.decoding;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;

/** Registers the decoding strategies {@code greedy}, {@code beam} and {@code nucleus}. */
public final class DecodingModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    var strategies = Plugins.mapBinder(binder(), DecodingStrategy.class);
    strategies.addBinding(GreedyDecoding.NAME).to(GreedyDecoding.Factory.class);
    strategies.addBinding(BeamSearch.NAME).to(BeamSearch.Factory.class);
    strategies.addBinding(NucleusSampling.NAME).to(NucleusSampling.Factory.class);
  }
}
