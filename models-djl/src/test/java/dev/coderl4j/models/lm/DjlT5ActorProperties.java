package dev.coderl4j.models.lm;

import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.ActorContract;
import java.nio.file.Path;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The DJL T5 actor satisfies the actor contract on its tiny fixture, through its factory. */
class DjlT5ActorProperties implements ActorContract {
  private static final DjlActor.Factory FACTORY = Fixtures.factory(T5Model.NAME);
  private static Actor actor;

  /** A learning rate that moves a tiny random model visibly in one step. */
  static ActorParams params() {
    return new ActorParams(Fixtures.T5.toString(), null, 1e-3, 0.0, null, null, null, null, 1);
  }

  @BeforeContainer
  static void open() {
    actor = FACTORY.create(params());
  }

  @AfterContainer
  static void close() {
    actor.close();
  }

  @Override
  public Actor actor() {
    return actor;
  }

  @Override
  public Actor reopen(Path checkpoint) {
    return FACTORY.reopen(params(), checkpoint);
  }
}
