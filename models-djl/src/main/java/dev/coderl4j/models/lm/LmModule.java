package dev.coderl4j.models.lm;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.plugin.PluginModule;
import dev.coderl4j.core.plugin.Plugins;

/** Registers the DJL actors {@code codet5}, {@code gpt-neo} and {@code gptj}. */
public final class LmModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    var actors = Plugins.mapBinder(binder(), Actor.class);
    actors.addBinding(T5Model.NAME).to(DjlActor.T5Factory.class);
    actors.addBinding(GptNeoModel.NAME).to(DjlActor.GptNeoFactory.class);
    actors.addBinding(GptJModel.NAME).to(DjlActor.GptJFactory.class);
  }
}
