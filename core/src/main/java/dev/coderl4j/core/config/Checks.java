package dev.coderl4j.core.config;

/** Validation helpers whose messages name the key and say what a valid value is. */
final class Checks {
  private Checks() {}

  static void positive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + value);
    }
  }

  static void nonNegative(String key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(key + " must be 0 or more, got " + value);
    }
  }

  static void fraction(String key, double value, boolean allowZero) {
    if (!(value < 1) || value < 0 || (!allowZero && value == 0)) {
      throw new IllegalArgumentException(
          key + " must be in " + (allowZero ? "[0, 1)" : "(0, 1)") + ", got " + value);
    }
  }
}
