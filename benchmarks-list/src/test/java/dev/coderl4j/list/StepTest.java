package dev.coderl4j.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java evaluation follows CPython where the two could differ. */
class StepTest {
  private static final List<Long> XS = List.of(-3L, 5L, -1L, 4L);
  private static final List<Long> YS = List.of(2L, -2L);

  private static Object run(Step s, List<Long> xs) throws Step.Raises {
    return s.apply(xs, YS, 2);
  }

  @Test
  void divisionAndParityFloorAsPythonDoes() throws Exception {
    assertEquals(List.of(-2L, 2L, -1L, 2L), run(Step.MAP_HALF, XS)); // -3 // 2 == -2
    assertEquals(List.of(-1L, 1L, -1L, 1L), run(Step.MAP_THIRD, XS)); // -1 // 3 == -1
    assertEquals(List.of(-3L, 5L, -1L), run(Step.FILTER_ODD, XS)); // -3 % 2 == 1
    assertEquals(1L, run(Step.COUNT_EVEN, XS));
  }

  @Test
  void zipStopsAtTheShorterListAndScansFoldFromTheLeft() throws Exception {
    assertEquals(List.of(-1L, 3L), run(Step.ZIPWITH_ADD, XS));
    assertEquals(List.of(-3L, -8L, -7L, -11L), run(Step.SCANL1_SUB, XS));
    assertEquals(List.of(-3L, -15L, 15L, 60L), run(Step.SCANL1_MUL, XS));
    assertEquals(List.of(), run(Step.SCANL1_MAX, List.of()));
  }

  @Test
  void indexingAndMinimumOfTooShortAListRaise() throws Exception {
    assertThrows(Step.Raises.class, () -> run(Step.HEAD, List.of()));
    assertThrows(Step.Raises.class, () -> run(Step.MINIMUM, List.of()));
    assertThrows(Step.Raises.class, () -> run(Step.ACCESS, List.of(1L, 2L)));
    assertEquals(-1L, run(Step.ACCESS, XS));
    assertEquals(0L, run(Step.SUM, List.of()));
    assertEquals(List.of(-3L, 5L), run(Step.TAKE, XS));
    assertEquals(List.of(), run(Step.DROP, List.of(1L)));
  }

  @Test
  void everyStepHasTwoPhrasingsAndAPythonExpressionOfXs() {
    for (Step s : Step.values()) {
      assertTrue(s.phrasings().size() >= 2, s.label());
      assertEquals(s.phrasings().size(), s.phrasings().stream().distinct().count(), s.label());
      assertTrue(s.python().contains("xs"), s.label());
    }
    assertEquals(38, Step.values().length, "DeepCoder's 10 + 10 + 4 + 4 + 5 + 5 steps");
  }

  @Test
  void theReferenceHasOneStatementPerStep() {
    Program p = Program.of(List.of("map(*2)", "filter(even)", "take", "sum"));
    assertEquals(
        """
        def solve(xs, n):
            xs = [x * 2 for x in xs]
            xs = [x for x in xs if x % 2 == 0]
            xs = xs[:n]
            return sum(xs)
        """,
        p.python());
    assertEquals("competition", p.difficulty());
    assertEquals(
        "assert solve([1, -2], 3) == 5",
        p.assertion(new Input(List.of(1L, -2L), List.of(), 3), 5L));
    assertThrows(IllegalArgumentException.class, () -> Program.of(List.of("sum", "sort")));
  }
}
