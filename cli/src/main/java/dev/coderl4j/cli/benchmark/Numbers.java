package dev.coderl4j.cli.benchmark;

/**
 * Whole-number options read by the command rather than by picocli, so that a value that is not a
 * number gets the CLI's one-line error instead of picocli's usage page.
 */
final class Numbers {
  private Numbers() {}

  static long whole(String option, String value, String example) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          option
              + " must be a whole number, e.g. "
              + option
              + " "
              + example
              + "; got '"
              + value
              + "'");
    }
  }

  static int count(String option, String value, String example) {
    long n = whole(option, value, example);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          option
              + " must be a positive number of problems, e.g. "
              + option
              + " "
              + example
              + "; got "
              + value);
    }
    return (int) n;
  }
}
