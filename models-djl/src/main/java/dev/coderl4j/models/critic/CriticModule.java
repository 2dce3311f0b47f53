package dev.coderl4j.models.critic;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;

/** Registers the DJL critics: {@code codet5-critic} (§3.2, Fig. 3). */
public final class CriticModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    Plugins.mapBinder(binder(), Critic.class).addBinding(T5Critic.NAME).to(T5Critic.Factory.class);
  }
}
