package dev.coderl4j.apps;

import static dev.coderl4j.apps.PythonText.close;
import static dev.coderl4j.apps.PythonText.nonEmptyLines;
import static dev.coderl4j.apps.PythonText.pythonFloat;
import static dev.coderl4j.apps.PythonText.round3;
import static dev.coderl4j.apps.PythonText.strip;
import static dev.coderl4j.apps.PythonText.tokenLines;

import java.util.List;

/**
 * How an APPS standard-input test compares the program's stdout with the expected text.
 *
 * <p>A closed set of two modes (see {@code docs/benchmarks.md}):
 *
 * <ul>
 *   <li>{@link Strict} (the default, and the runner's own stdin semantics): equal line by line
 *       after stripping the whole text and each line (Java's {@code String.strip()}).
 *   <li>{@link AppsCompatible}: the tolerant cascade of the APPS/CodeRL harness ({@code
 *       testing_util.run_test}): lines ignoring blank ones, every line a float within {@code
 *       numpy.allclose}'s tolerance, or whitespace-split tokens equal (exactly, or as floats
 *       rounded to 3 decimals) — with the tokens compared <em>in order</em>. The harness compares
 *       them as sets, which passes wrong programs (hendrycks/apps issue #27: {@code "1 2"} matches
 *       {@code "2 1"}, {@code "1 1 2"} matches {@code "2 1"}); that step is deliberately left out.
 * </ul>
 *
 * For {@link AppsCompatible}, whitespace means ASCII whitespace (space, \t, \n, \r, \v, \f) and
 * floats are Python float literals in ASCII, so that this Java definition and the Python one the
 * APPS benchmark runs in the sandbox agree exactly.
 */
public sealed interface OutputComparison
    permits OutputComparison.Strict, OutputComparison.AppsCompatible {

  /** The mode's name in configs: {@code strict} or {@code apps-compatible}. */
  String name();

  /** Whether {@code actual} stdout passes a test that expects {@code expected}. */
  boolean matches(String actual, String expected);

  /** The mode named {@code name}. */
  static OutputComparison named(String name) {
    return switch (name) {
      case Strict.NAME -> new Strict();
      case AppsCompatible.NAME -> new AppsCompatible();
      default ->
          throw new IllegalArgumentException(
              "Unknown output comparison ["
                  + name
                  + "]; known: ["
                  + AppsCompatible.NAME
                  + ", "
                  + Strict.NAME
                  + "]");
    };
  }

  /** Line by line after stripping the whole text and each line (the default). */
  record Strict() implements OutputComparison {
    public static final String NAME = "strict";

    @Override
    public String name() {
      return NAME;
    }

    /** Java's {@code String.strip()} here, exactly as the runner's stdin tests compare. */
    @Override
    public boolean matches(String actual, String expected) {
      return javaLines(actual).equals(javaLines(expected));
    }

    private static List<String> javaLines(String text) {
      String t = text.strip();
      List<String> out = new java.util.ArrayList<>();
      if (t.isEmpty()) {
        return out;
      }
      for (String line : t.split("\r\n|\r|\n", -1)) {
        out.add(line.strip());
      }
      return out;
    }
  }

  /** APPS' tolerant cascade without its set-based check (hendrycks/apps issue #27). */
  record AppsCompatible() implements OutputComparison {
    public static final String NAME = "apps-compatible";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public boolean matches(String actual, String expected) {
      return floatLines(actual, expected) || tokens(actual, expected);
    }

    /**
     * The harness' float check: non-empty output lines and non-empty expected lines are each one
     * float, as many, and {@code numpy.allclose} (rtol 1e-5, atol 1e-8).
     */
    static boolean floatLines(String actual, String expected) {
      List<String> out = nonEmptyLines(actual);
      List<String> gt = nonEmptyLines(expected);
      if (out.size() != gt.size()) {
        return false;
      }
      for (int i = 0; i < out.size(); i++) {
        Double a = pythonFloat(strip(out.get(i)));
        Double b = pythonFloat(strip(gt.get(i)));
        if (a == null || b == null || !close(a, b)) {
          return false;
        }
      }
      return true;
    }

    /**
     * Lines with at least one token, compared token by token in order: equal strings, or (the
     * harness' check 6) every token a float and equal after rounding to 3 decimals.
     */
    static boolean tokens(String actual, String expected) {
      List<List<String>> out = tokenLines(actual);
      List<List<String>> gt = tokenLines(expected);
      if (out.equals(gt)) {
        return true;
      }
      if (out.size() != gt.size()) {
        return false;
      }
      for (int i = 0; i < out.size(); i++) {
        List<String> a = out.get(i);
        List<String> b = gt.get(i);
        if (a.size() != b.size()) {
          return false;
        }
        for (int j = 0; j < a.size(); j++) {
          Double x = pythonFloat(a.get(j));
          Double y = pythonFloat(b.get(j));
          if (x == null || y == null || round3(x) != round3(y)) {
            return false;
          }
        }
      }
      return true;
    }
  }
}
