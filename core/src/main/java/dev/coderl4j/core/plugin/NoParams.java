package dev.coderl4j.core.plugin;

/** The params record of a plugin that takes none; any key in {@code params} is then an error. */
public record NoParams() {}
