package dev.coderl4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JsonOptionTest {
  @Test
  void readsAnObjectAndNamesTheOptionWhenTheValueIsWrong() {
    assertEquals(
        "jit",
        JsonOption.object("--x", "{\"compilation\": \"jit\"}", "{}").get("compilation").asText());
    var bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonOption.object("--runner-params", "{compilation: jit", "{\"a\": 1}"));
    assertTrue(bad.getMessage().startsWith("--runner-params is not valid JSON"), bad.getMessage());
    assertTrue(bad.getMessage().contains("{\"a\": 1}"), bad.getMessage());
    var array =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonOption.object("--graalpy-params", "[1]", "{}"));
    assertTrue(array.getMessage().contains("must be a JSON object"), array.getMessage());
  }
}
