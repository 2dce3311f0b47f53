package dev.coderl4j.core.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionsTest {
  @Test
  void cutsAtTheEarliestStop() {
    assertEquals(
        "  return 1",
        Completions.cutAtStops("  return 1\ndef g():\n\nclass X", List.of("\nclass", "\ndef")));
    assertEquals("abc", Completions.cutAtStops("abc", List.of("[DONE]")));
    assertEquals("", Completions.cutAtStops("[DONE]x", List.of("[DONE]")));
  }

  @Test
  void stripsTheFirstCodeFence() {
    assertEquals(
        "print(1)\n", Completions.stripCodeFence("Here:\n```python\nprint(1)\n```\nmore ```x```"));
    assertEquals("print(2)\n", Completions.stripCodeFence("```\nprint(2)"));
    assertEquals("plain", Completions.stripCodeFence("plain"));
  }

  @Test
  void normalisesNewlines() {
    assertEquals("a\nb\nc", Completions.unixNewlines("a\r\nb\rc"));
  }
}
