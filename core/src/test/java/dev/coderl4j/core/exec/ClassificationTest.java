package dev.coderl4j.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassificationTest {
  @Test
  void compileErrorsWinOverEverything() {
    assertEquals(
        new Outcome.CompileError("SyntaxError: x"),
        Classification.classify(Optional.of("SyntaxError: x"), Optional.of("E"), List.of()));
  }

  @Test
  void loadErrorsAreRuntimeErrorsAtMinusOne() {
    assertEquals(
        new Outcome.RuntimeError("KeyError", -1),
        Classification.classify(Optional.empty(), Optional.of("KeyError"), List.of()));
  }

  @Test
  void theFirstNonPassingTestDecides() {
    var tests = List.of(TestResult.PASS, TestResult.FAIL, new TestResult.Error("Timeout"));
    assertEquals(
        new Outcome.FailedTest(1),
        Classification.classify(Optional.empty(), Optional.empty(), tests));
    var tests2 = List.of(TestResult.PASS, new TestResult.Error("Timeout"), TestResult.FAIL);
    assertEquals(
        new Outcome.RuntimeError("Timeout", 1),
        Classification.classify(Optional.empty(), Optional.empty(), tests2));
  }

  @Test
  void allPassingIsPassed() {
    assertEquals(
        new Outcome.Passed(),
        Classification.classify(Optional.empty(), Optional.empty(), List.of(TestResult.PASS)));
    assertEquals(TestResult.FAIL, Classification.fromWire("false"));
    assertEquals(new TestResult.Error("X"), Classification.fromWire("X"));
  }
}
