package dev.coderl4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputComparisonTest {
  private final OutputComparison strict = new OutputComparison.Strict();
  private final OutputComparison apps = new OutputComparison.AppsCompatible();

  @Test
  void strictComparesStrippedLines() {
    assertTrue(strict.matches("3\n", "3"));
    assertTrue(strict.matches("  1 2  \n3\r\n\n", "1 2\n3\n"));
    assertFalse(strict.matches("1  2\n", "1 2\n"));
    assertFalse(strict.matches("1\n\n2\n", "1\n2\n"));
    assertFalse(strict.matches("2 1\n", "1 2\n"));
    assertFalse(strict.matches("1.0\n", "1\n"));
  }

  @Test
  void appsCompatibleToleratesWhatTheHarnessTolerates() {
    assertTrue(apps.matches("1  2\n", "1 2\n"), "whitespace-split tokens");
    assertTrue(apps.matches("1\n\n2\n", "1\n2\n"), "blank lines");
    assertTrue(apps.matches("0.3333333\n", "0.33333333333\n"), "allclose");
    assertTrue(apps.matches("1e10\n", "10000000001\n"), "allclose is relative");
    assertFalse(apps.matches("YES 0.1234\n", "YES 0.1231\n"), "mixed lines compare tokens exactly");
    assertTrue(apps.matches("1.0004 2\n", "1.0 2.0\n"), "rounded to 3 decimals");
    assertFalse(apps.matches("1.0006 2\n", "1.0 2.0\n"));
    assertTrue(apps.matches("inf\n", "Infinity\n"));
    assertTrue(apps.matches("nan\n", "nan\n"), "equal tokens, as strings");
    assertFalse(apps.matches("nan\n", "NaN\n"), "numpy.allclose and round(): nan is never close");
    assertTrue(apps.matches("1_000\n", "1000\n"), "Python float literals accept underscores");
    assertFalse(apps.matches("0x10\n", "16\n"), "but not Java's hexadecimal floats");
    assertFalse(apps.matches("1d\n", "1\n"), "nor Java's type suffixes");
  }

  /** hendrycks/apps issue #27: the harness compares token sets, so these wrong outputs passed. */
  @Test
  void appsCompatibleRejectsTheSetBasedFalsePositives() {
    assertFalse(apps.matches("2 1\n", "1 2\n"));
    assertFalse(apps.matches("1 1 2\n", "2 1\n"));
    assertFalse(apps.matches("b\na\n", "a\nb\n"));
    assertFalse(apps.matches("3.0 1.0 2.0\n", "1 2 3\n"));
  }

  @Test
  void namedModes() {
    assertEquals(strict, OutputComparison.named("strict"));
    assertEquals(apps, OutputComparison.named("apps-compatible"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutputComparison.named("sets"));
    assertTrue(e.getMessage().contains("apps-compatible"), e.getMessage());
  }

  @Test
  void pythonFloatFollowsPythonsGrammar() {
    assertEquals(0.5, PythonText.pythonFloat(".5"));
    assertEquals(1.0, PythonText.pythonFloat("1."));
    assertEquals(100000.0, PythonText.pythonFloat("1.e5"));
    assertEquals(Double.NEGATIVE_INFINITY, PythonText.pythonFloat("-inf"));
    assertEquals(null, PythonText.pythonFloat("1__0"));
    assertEquals(null, PythonText.pythonFloat("_1"));
    assertEquals(null, PythonText.pythonFloat("."));
    assertEquals(null, PythonText.pythonFloat("e5"));
    assertEquals(null, PythonText.pythonFloat(""));
  }

  @Test
  void round3IsRoundHalfEvenOnTheBinaryValue() {
    assertEquals(0.062, PythonText.round3(0.0625)); // exactly halfway: to even, as Python does
    assertEquals(2.675, PythonText.round3(2.6755)); // 2.6755 is 2.67549999... in binary
    assertEquals(1.0, PythonText.round3(0.9996));
  }
}
