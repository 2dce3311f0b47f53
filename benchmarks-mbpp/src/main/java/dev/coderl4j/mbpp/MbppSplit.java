package dev.coderl4j.mbpp;

import java.util.Locale;

/**
 * MBPP's official split by task id (google-research {@code mbpp/README.md}); the sanitized set
 * keeps the same ids, so the same ranges apply to it.
 */
public enum MbppSplit {
  /** Tasks 1–10, reserved for few-shot prompts (Austin et al. used 2, 3 and 4). */
  PROMPT(1, 10),
  /** Tasks 11–510 (500), the evaluation split of §4.4. */
  TEST(11, 510),
  /** Tasks 511–600 (90). */
  VALIDATION(511, 600),
  /** Tasks 601–974 (374). */
  TRAIN(601, 974),
  /** Every task. */
  ALL(1, Integer.MAX_VALUE);

  private final int first;
  private final int last;

  MbppSplit(int first, int last) {
    this.first = first;
    this.last = last;
  }

  /** Whether task {@code taskId} belongs to this split. */
  public boolean contains(int taskId) {
    return taskId >= first && taskId <= last;
  }

  /** The split a task belongs to (never {@link #ALL}). */
  public static MbppSplit of(int taskId) {
    for (MbppSplit s : values()) {
      if (s != ALL && s.contains(taskId)) {
        return s;
      }
    }
    throw new IllegalArgumentException("MBPP task ids run from 1 to 974, got " + taskId);
  }

  /** The split called {@code name} ({@code test}, {@code train}, ...). */
  public static MbppSplit named(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown MBPP split [" + name + "]; known: [all, prompt, test, train, validation]", e);
    }
  }

  /** The lower-case name used in configs and metadata. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
