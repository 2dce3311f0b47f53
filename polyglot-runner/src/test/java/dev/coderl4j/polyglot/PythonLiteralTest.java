package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PythonLiteralTest {
  @Test
  void jsonBecomesTheEqualPythonLiteral() {
    assertEquals(
        "[1, True, None, 'a\\'b', {'k': [2.5]}]",
        PythonLiteral.fromJson("[1, true, null, \"a'b\", {\"k\": [2.5]}]"));
    assertEquals(
        "123456789012345678901234567890", PythonLiteral.fromJson("123456789012345678901234567890"));
    assertEquals("'\\u00e9\\U0001f600\\n'", PythonLiteral.fromJson("\"\u00e9\ud83d\ude00\\n\""));
  }
}
