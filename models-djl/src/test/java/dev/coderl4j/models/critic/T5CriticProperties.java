package dev.coderl4j.models.critic;

import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticContract;
import dev.coderl4j.core.critic.LabelSet;
import java.nio.file.Path;

/**
 * {@code codet5-critic} satisfies the critic contract on the tiny T5 fixture (the embedded CodeT5
 * is {@link T5CriticTest}'s), built and reopened through its plugin factory.
 */
class T5CriticProperties implements CriticContract {
  private static final T5Critic.Factory FACTORY = new T5Critic.Factory();

  static T5CriticParams params(LabelSet labels) {
    return new T5CriticParams(
        "src/test/resources/fixtures/tiny-t5", labels, 1e-3, 0.0, 1.0, 64, 64, 1, 7L);
  }

  @Override
  public Critic critic(LabelSet labels) {
    return FACTORY.create(params(labels));
  }

  @Override
  public Critic reopen(Path checkpoint) {
    return FACTORY.reopen(params(LabelSet.FOUR_CLASS), checkpoint);
  }
}
