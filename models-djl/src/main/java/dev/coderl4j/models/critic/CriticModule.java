package dev.coderl4j.models.critic;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;
import dev.coderl4j.models.lm.Backbones;

/**
 * Registers the DJL critics (§3.2, Fig. 3): {@code codet5-critic} (T5 backbones) and {@code
 * causal-critic} (any decoder-only backbone, which it reads through {@link Backbones}).
 */
public final class CriticModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    Backbones.mapBinder(binder());
    var critics = Plugins.mapBinder(binder(), Critic.class);
    critics.addBinding(T5Critic.NAME).to(T5Critic.Factory.class);
    critics.addBinding(CausalCritic.NAME).to(CausalCritic.Factory.class);
  }
}
