package dev.coderl4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class PythonLiteralTest {
  private static String json(String text) {
    return assertInstanceOf(PythonLiteral.Value.class, PythonLiteral.parse(text)).json().toString();
  }

  @Test
  void readsPythonLiteralsAsJson() {
    assertEquals("[1,2,3]", json("[1, 2, 3]"));
    assertEquals("[\"a\",\"b'c\"]", json("['a', \"b'c\"]"));
    assertEquals("[true,false,null]", json("[True, False, None]"));
    assertEquals("[1,[2,3]]", json("(1, (2, 3))"));
    assertEquals("[1]", json("(1,)"));
    assertEquals("{\"k\":-1.5}", json("{'k': -1.5}"));
    assertEquals("100000", json("100_000"));
    assertEquals("\"a\\nb\"", json("'a\\nb'"));
  }

  @Test
  void separatesBareStringsFromUnrepresentableLiterals() {
    assertInstanceOf(PythonLiteral.NotLiteral.class, PythonLiteral.parse("adfa"));
    assertInstanceOf(PythonLiteral.NotLiteral.class, PythonLiteral.parse("C E G"));
    assertInstanceOf(PythonLiteral.NotLiteral.class, PythonLiteral.parse("007"));
    assertInstanceOf(PythonLiteral.NotLiteral.class, PythonLiteral.parse("[1, 2"));
    assertInstanceOf(PythonLiteral.NotLiteral.class, PythonLiteral.parse(""));
    assertInstanceOf(PythonLiteral.Unrepresentable.class, PythonLiteral.parse("{1: 2}"));
    assertInstanceOf(PythonLiteral.Unrepresentable.class, PythonLiteral.parse("{1, 2}"));
  }
}
