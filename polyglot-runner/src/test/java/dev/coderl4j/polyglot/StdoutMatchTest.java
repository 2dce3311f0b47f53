package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class StdoutMatchTest {
  @Test
  void linesAreComparedAfterStripping() {
    assertTrue(StdoutMatch.matches("  1 2 \n3\n\n", "1 2\r\n3"));
    assertTrue(StdoutMatch.matches("", "\n"));
    assertFalse(StdoutMatch.matches("1 2", "1  2"));
    assertFalse(StdoutMatch.matches("1\n2", "1 2"));
    assertEquals(List.of("a", "", "b"), StdoutMatch.lines("a\n\nb\n"));
  }

  @Property
  void trailingWhitespaceNeverMatters(@ForAll String s) {
    assertTrue(StdoutMatch.matches(s + " \n\t", s));
  }
}
