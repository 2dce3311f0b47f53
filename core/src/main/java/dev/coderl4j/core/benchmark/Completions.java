package dev.coderl4j.core.benchmark;

import java.util.List;

/**
 * Shared program-extraction steps of the prompt formats: stop sequences and Markdown code fences.
 */
public final class Completions {
  private Completions() {}

  /** {@code text} up to (not including) the earliest occurrence of any stop sequence. */
  public static String cutAtStops(String text, List<String> stops) {
    int end = text.length();
    for (String stop : stops) {
      if (stop.isEmpty()) {
        continue;
      }
      int i = text.indexOf(stop);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return text.substring(0, end);
  }

  /**
   * The body of the first Markdown code fence in {@code text} (language tag dropped), or {@code
   * text} unchanged when it has no fence; an unclosed fence runs to the end.
   */
  public static String stripCodeFence(String text) {
    int open = text.indexOf("```");
    if (open < 0) {
      return text;
    }
    int bodyStart = text.indexOf('\n', open);
    if (bodyStart < 0) {
      return "";
    }
    bodyStart++;
    int close = text.indexOf("```", bodyStart);
    String body = close < 0 ? text.substring(bodyStart) : text.substring(bodyStart, close);
    return body.endsWith("\n") ? body : body + "\n";
  }

  /** Normalises Windows and old-Mac line endings to {@code \n} (MBPP's code uses {@code \r\n}). */
  public static String unixNewlines(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }
}
