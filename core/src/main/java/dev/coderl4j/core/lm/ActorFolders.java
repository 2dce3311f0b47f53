package dev.coderl4j.core.lm;

import java.nio.file.Path;

/**
 * Names the actor plugin that loads a model folder (CLI tooling, not a paper section).
 *
 * <p>For commands that take a folder rather than a {@code {type, params}} spec ({@code coderl
 * generate --model DIR}): the module that provides the actors binds it with a plain Guice binding,
 * so the CLI needs none of its classes.
 */
public interface ActorFolders {

  /**
   * The actor plugin ({@code type}) that loads {@code folder}, e.g. {@code codet5}, read from the
   * folder's own files; fails naming the kinds of folder it supports.
   */
  String actorType(Path folder);
}
