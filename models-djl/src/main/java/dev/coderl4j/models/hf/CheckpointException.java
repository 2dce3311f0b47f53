package dev.coderl4j.models.hf;

/**
 * A checkpoint or tokenizer folder that cannot be read or written as asked.
 *
 * <p>Unchecked because callers cannot recover from a broken checkpoint other than by reporting it;
 * the message always names the file or folder and what was wrong, and says how to fix it when there
 * is a usual fix.
 */
public final class CheckpointException extends RuntimeException {

  /** A failure described by {@code message}. */
  public CheckpointException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause} (usually an I/O error). */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
