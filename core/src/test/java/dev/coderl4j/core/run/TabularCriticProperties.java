package dev.coderl4j.core.run;

import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticContract;
import dev.coderl4j.core.critic.LabelSet;
import java.nio.file.Path;

/** The scripted {@code tabular-critic} satisfies the critic contract, through its factory. */
class TabularCriticProperties implements CriticContract {
  private static final ScriptedPlugins.CriticFactory FACTORY =
      new ScriptedPlugins.CriticFactory(new ScriptedPlugins.Recorder());

  @Override
  public Critic critic(LabelSet labels) {
    return FACTORY.create(new ScriptedPlugins.CriticParams(labels, 32, 0.5, 3L));
  }

  @Override
  public Critic reopen(Path checkpoint) {
    return FACTORY.reopen(new ScriptedPlugins.CriticParams(null, 32, 0.5, 3L), checkpoint);
  }
}
