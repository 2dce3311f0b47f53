package dev.coderl4j.cli.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.models.lm.ActorParams;
import org.junit.jupiter.api.Test;

/** {@code --model}'s default is the actor module's default folder. */
class ActorOptionsTest {
  @Test
  void theDefaultModelIsTheActorModulesDefault() {
    assertEquals(ActorParams.DEFAULT_MODEL, ActorOptions.DEFAULT_MODEL);
  }
}
