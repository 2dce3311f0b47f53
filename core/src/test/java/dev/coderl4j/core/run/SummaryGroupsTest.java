package dev.coderl4j.core.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.metrics.Bootstrap;
import dev.coderl4j.core.metrics.Metrics;
import dev.coderl4j.core.metrics.ProblemCounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A benchmark's hidden-test groups give pass_at_k_<group> beside pass_at_k, in all three files. */
class SummaryGroupsTest {
  @Test
  void groupsAreReportedBesideTheHeadline() {
    // Two tasks, two samples each: base passes 2/2 and 1/2, base + plus 1/2 and 0/2.
    List<ProblemCounts> all =
        List.of(
            ProblemCounts.unfiltered("t/0", java.util.Optional.empty(), 2, 1),
            ProblemCounts.unfiltered("t/1", java.util.Optional.empty(), 2, 0));
    List<ProblemCounts> base =
        List.of(
            ProblemCounts.unfiltered("t/0", java.util.Optional.empty(), 2, 2),
            ProblemCounts.unfiltered("t/1", java.util.Optional.empty(), 2, 1));
    Summary s =
        Summary.of(
            all,
            Map.of("base", base),
            List.of("t/2"),
            new Metrics(List.of(1, 2), List.of(), new Bootstrap(100, 0.95, 0)),
            Map.of(),
            Map.of(),
            3,
            List.of());
    assertEquals(Map.of("1", 0.25, "2", 0.5), s.json().get("pass_at_k"));
    assertEquals(Map.of("1", 0.75, "2", 1.0), s.json().get("pass_at_k_base"));
    assertEquals(List.of("t/2"), s.json().get("tasks_without_samples_ids"));
    assertTrue(
        s.markdown("x").contains("| all (base tests only) | 2 | 4 | 75.00"), s.markdown("x"));
    assertTrue(s.series().containsKey("all (base)"));
  }
}
