package dev.coderl4j.core.lm;

/**
 * Incremental decoding over a batch of rows with the model's key/value cache.
 *
 * <p>Decoding strategies (greedy, beam, nucleus, Critic Sampling) drive this step by step: they
 * read next-token logits, choose tokens, and reorder or drop rows. Rows start after their {@link
 * TokenPair#target()} seed. Not thread-safe; close it to free the cache.
 */
public interface DecodingSession extends AutoCloseable {

  /** Rows currently in the session. */
  int rows();

  /** Next-token logits ({@code [rows][vocab]}) after the seeds, before any token is appended. */
  float[][] logits();

  /** Appends one token per row and returns the logits after it ({@code [rows][vocab]}). */
  float[][] append(int[] tokens);

  /**
   * Keeps the rows at {@code indices} in that order (repeats allowed): beams reorder with it,
   * finished rows drop out with it.
   */
  void select(int[] indices);

  @Override
  void close();
}
