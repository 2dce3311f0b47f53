package dev.coderl4j.polyglot;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a program's standard output with the expected text of a stdin test.
 *
 * <p>The rule is "line by line after stripping": both texts are stripped, split into lines ({@code
 * \n}, {@code \r\n} or {@code \r}), each line is stripped, and the lists must be equal. It lives in
 * Java so that both backends use exactly the same rule.
 */
public final class StdoutMatch {
  private StdoutMatch() {}

  /** Whether {@code actual} matches {@code expected}. */
  public static boolean matches(String actual, String expected) {
    return lines(actual).equals(lines(expected));
  }

  /** The stripped lines of {@code text}; empty for blank text. */
  public static List<String> lines(String text) {
    String t = text.strip();
    List<String> out = new ArrayList<>();
    if (t.isEmpty()) {
      return out;
    }
    for (String line : t.split("\r\n|\r|\n", -1)) {
      out.add(line.strip());
    }
    return out;
  }
}
