package dev.coderl4j.models.critic;

import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticContract;
import dev.coderl4j.core.critic.LabelSet;
import java.nio.file.Path;

/**
 * {@code codet5-critic} satisfies the critic contract on the embedded CodeT5, built and reopened
 * through its plugin factory.
 */
class T5CriticProperties implements CriticContract {
  private static final T5Critic.Factory FACTORY = new T5Critic.Factory();

  @Override
  public Critic critic(LabelSet labels) {
    return FACTORY.create(T5CriticTest.params(labels, 1e-3));
  }

  @Override
  public Critic reopen(Path checkpoint) {
    return FACTORY.reopen(T5CriticTest.params(LabelSet.FOUR_CLASS, 1e-3), checkpoint);
  }
}
