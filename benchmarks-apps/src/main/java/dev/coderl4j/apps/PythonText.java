package dev.coderl4j.apps;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Python's text rules that {@link OutputComparison} needs, restricted to ASCII (see there). */
final class PythonText {
  private PythonText() {}

  /** Characters Python's {@code str.strip()} and {@code str.split()} treat as space in ASCII. */
  static final String WHITESPACE = " \t\n\r\u000b\f";

  /** A Python float literal: digits with single underscores, fraction, exponent, inf, nan. */
  static final Pattern PYTHON_FLOAT =
      Pattern.compile(
          "[+-]?(?:(?:\\d(?:_?\\d)*)?\\.\\d(?:_?\\d)*(?:[eE][+-]?\\d(?:_?\\d)*)?"
              + "|\\d(?:_?\\d)*\\.?(?:[eE][+-]?\\d(?:_?\\d)*)?"
              + "|(?i:inf|infinity|nan))");

  /** {@code s} without leading and trailing ASCII whitespace. */
  static String strip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && WHITESPACE.indexOf(s.charAt(b)) >= 0) {
      b++;
    }
    while (e > b && WHITESPACE.indexOf(s.charAt(e - 1)) >= 0) {
      e--;
    }
    return s.substring(b, e);
  }

  /** Lines split at {@code \n} (after {@code \r\n} and {@code \r} become {@code \n}). */
  static List<String> lines(String s) {
    return List.of(s.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
  }

  static List<String> nonEmptyLines(String s) {
    List<String> out = new ArrayList<>();
    for (String line : lines(s)) {
      if (!line.isEmpty()) {
        out.add(line);
      }
    }
    return out;
  }

  static List<List<String>> tokenLines(String s) {
    List<List<String>> out = new ArrayList<>();
    for (String line : lines(s)) {
      String t = strip(line);
      if (!t.isEmpty()) {
        out.add(List.of(t.split("[ \\t\\n\\r\\u000b\\f]+")));
      }
    }
    return out;
  }

  /** Python's {@code float(s)} for an ASCII literal, or null when Python would raise. */
  static Double pythonFloat(String s) {
    if (!PYTHON_FLOAT.matcher(s).matches()) {
      return null;
    }
    String t = s.replace("_", "").toLowerCase(Locale.ROOT);
    String body = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
    boolean negative = t.startsWith("-");
    if (body.equals("inf") || body.equals("infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (body.equals("nan")) {
      return Double.NaN;
    }
    return Double.parseDouble(t);
  }

  /** {@code numpy.isclose(a, b)} with its defaults; {@code b} is the expected value. */
  static boolean close(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return false;
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
  }

  /** Python's {@code round(x, 3)}: round half to even on the exact binary value. */
  static double round3(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN).doubleValue();
  }
}
