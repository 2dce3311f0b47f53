package dev.coderl4j.core.run;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.ActorContract;
import java.nio.file.Path;

/** The scripted {@code tabular} actor satisfies the actor contract, through its factory. */
class TabularActorProperties implements ActorContract {
  private static final ScriptedPlugins.ActorFactory FACTORY =
      new ScriptedPlugins.ActorFactory(new ScriptedPlugins.Recorder());
  private static final ScriptedPlugins.ActorParams PARAMS =
      new ScriptedPlugins.ActorParams(8, 1L, 0.5);
  private final Actor actor = FACTORY.create(PARAMS);

  @Override
  public Actor actor() {
    return actor;
  }

  @Override
  public Actor reopen(Path checkpoint) {
    return FACTORY.reopen(PARAMS, checkpoint);
  }
}
