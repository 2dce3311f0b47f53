package dev.coderl4j.models.lm;

import com.google.inject.AbstractModule;
import dev.coderl4j.core.lm.ActorFolders;
import dev.coderl4j.core.plugin.PluginModule;

/**
 * Registers the DJL backbones, each by its {@code model_type} and as an actor plugin: {@code
 * codet5}, {@code gpt-neo}, {@code gptj}, {@code llama} and {@code qwen2}; and names the actor of a
 * model folder ({@link ActorFolders}).
 */
public final class LmModule extends AbstractModule implements PluginModule {
  @Override
  protected void configure() {
    Backbones.bind(binder(), new T5Model.Family());
    Backbones.bind(binder(), new GptNeoModel());
    Backbones.bind(binder(), new GptJModel());
    Backbones.bind(binder(), new LlamaModel());
    Backbones.bind(binder(), new Qwen2Model());
    bind(ActorFolders.class).to(Backbones.class);
  }
}
