package dev.coderl4j.core.benchmark;

/**
 * A benchmark file does not have the expected format; the message names the file, line and field.
 */
public final class DataFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String message) {
    super(message);
  }

  public DataFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
