package dev.coderl4j.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static ProblemCounts p(String id, String difficulty, int n, int c) {
    return ProblemCounts.unfiltered(id, Optional.ofNullable(difficulty), n, c);
  }

  @Test
  void handComputedPassAtK() {
    // n=5, c=2, k=2: 1 - C(3,2)/C(5,2) = 1 - 3/10 = 0.7; n=5, c=0: 0; n=5, c=5: 1.
    Metrics m = new Metrics(List.of(1, 2), List.of(), Bootstrap.defaults());
    GroupMetrics g = m.overall(List.of(p("a", null, 5, 2), p("b", null, 5, 0), p("c", null, 5, 5)));
    Estimate at1 = ((AtK.Value) g.passAtK().get(1)).estimate();
    Estimate at2 = ((AtK.Value) g.passAtK().get(2)).estimate();
    assertEquals((0.4 + 0 + 1) / 3, at1.value(), 1e-12);
    assertEquals((0.7 + 0 + 1) / 3, at2.value(), 1e-12);
    assertTrue(at2.ciLow() <= at2.value() && at2.value() <= at2.ciHigh());
    assertEquals(3, g.problems());
    assertEquals(15, g.samples());
  }

  @Test
  void kBeyondTheSmallestSampleCountIsNotEstimated() {
    Metrics m = new Metrics(List.of(1, 5, 10), List.of(1), Bootstrap.defaults());
    GroupMetrics g = m.overall(List.of(p("a", null, 10, 3), p("b", null, 5, 1)));
    assertInstanceOf(AtK.Value.class, g.passAtK().get(5));
    AtK at10 = g.passAtK().get(10);
    assertInstanceOf(AtK.NotEstimated.class, at10);
    assertTrue(((AtK.NotEstimated) at10).reason().contains("smallest number of samples"));
    assertInstanceOf(AtK.NotEstimated.class, g.nAtK().get("1@10"));
    assertInstanceOf(AtK.Value.class, g.nAtK().get("1@5"));
  }

  @Test
  void byDifficultyGroupsInFirstSeenOrder() {
    Metrics m = new Metrics(List.of(1), List.of(), Bootstrap.defaults());
    Map<String, GroupMetrics> by =
        m.byDifficulty(
            List.of(
                p("a", "interview", 2, 1),
                p("b", "introductory", 2, 2),
                p("c", "interview", 2, 0),
                p("d", null, 2, 2)));
    assertEquals(List.of("interview", "introductory"), List.copyOf(by.keySet()));
    assertEquals(
        0.25, ((AtK.Value) by.get("interview").passAtK().get(1)).estimate().value(), 1e-12);
    assertEquals(
        1.0, ((AtK.Value) by.get("introductory").passAtK().get(1)).estimate().value(), 1e-12);
  }

  @Test
  void bootstrapIsSeededAndDegenerateForConstantValues() {
    Bootstrap b = Bootstrap.defaults();
    Estimate e1 = b.estimate(List.of(0.0, 1.0, 0.5, 0.25));
    Estimate e2 = b.estimate(List.of(0.0, 1.0, 0.5, 0.25));
    assertEquals(e1, e2);
    assertTrue(e1.ciLow() < e1.value() && e1.value() < e1.ciHigh());
    Estimate flat = b.estimate(List.of(0.5, 0.5, 0.5));
    assertEquals(0.5, flat.ciLow());
    assertEquals(0.5, flat.ciHigh());
  }

  @Test
  void invalidInputsSayHowToFixThem() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(3, 1, 5));
    assertTrue(e.getMessage().contains("smaller k"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Metrics(List.of(), List.of(), Bootstrap.defaults()));
    assertThrows(IllegalArgumentException.class, () -> new Bootstrap(10, 0.95, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new ProblemCounts("x", Optional.empty(), 3, 2, 1, 2));
  }

  @Test
  void nAtKHandComputed() {
    // 4 samples, 2 pass the examples, 1 of those is correct; 1@2:
    // draws of 2 of 4 (6 equally likely): j filtered in the draw ~ {0: 1/6, 1: 4/6, 2: 1/6}.
    // j=1: the drawn filtered one is correct with prob 1/2; j=2: submit 1 of 2, correct w.p. 1/2.
    double expected = 4.0 / 6 * 0.5 + 1.0 / 6 * 0.5;
    assertEquals(expected, NAtK.estimate(4, 2, 1, 1, 2), 1e-12);
  }
}
