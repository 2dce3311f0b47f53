package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MutantsTest {
  private static final String P = "def f(x):\n    y = x\n    return y + 1\n";

  @Test
  void eachKindChangesTheProgramAsDocumented() {
    assertTrue(
        Mutants.mutate(P, Mutants.Kind.SYNTAX).orElseThrow().endsWith("def broken(:\n    pass\n"));
    assertEquals(
        "def f(x):\n    y = x\n    return 1/0 + y + 1\n",
        Mutants.mutate(P, Mutants.Kind.EXCEPTION).orElseThrow());
    assertEquals(
        "def f(x):\n    y = x\n    return None\n    pass\n",
        Mutants.mutate(P, Mutants.Kind.WRONG_ANSWER).orElseThrow());
    assertEquals(
        "def f(x):\n    while True:\n        pass\n    y = x\n    return y + 1\n",
        Mutants.mutate(P, Mutants.Kind.LOOP).orElseThrow());
    assertEquals(Optional.empty(), Mutants.mutate("x = 1\n", Mutants.Kind.LOOP));
  }
}
