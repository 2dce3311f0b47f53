package dev.coderl4j.core.training;

import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.LabelSet;
import java.nio.file.Path;
import java.util.Optional;

/** Opens a critic: a fresh one for {@code labels}, or one a critic stage saved. */
@FunctionalInterface
public interface CriticSource {

  /** The critic; from {@code checkpoint} (written by {@link Critic#save}) if given. */
  Critic open(LabelSet labels, Optional<Path> checkpoint);
}
