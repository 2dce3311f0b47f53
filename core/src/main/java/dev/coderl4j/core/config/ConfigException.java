package dev.coderl4j.core.config;

/** A run config that cannot be read or is invalid; the message names the file, line and key. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }

  public ConfigException(String message) {
    super(message);
  }
}
