package dev.coderl4j.core.training;

import dev.coderl4j.core.lm.Actor;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the actor a stage trains or samples from: the configured one, or a checkpoint a stage wrote
 * (to resume, or to continue from the previous stage).
 */
@FunctionalInterface
public interface ActorSource {

  /**
   * The actor; from {@code checkpoint} (a Hugging Face folder written by {@link Actor#save}) if
   * given.
   */
  Actor open(Optional<Path> checkpoint);
}
