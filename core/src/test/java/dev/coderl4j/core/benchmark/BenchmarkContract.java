package dev.coderl4j.core.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.Problem;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What every {@link Benchmark} plugin guarantees; a plugin's test implements this interface and
 * supplies the benchmark.
 */
public interface BenchmarkContract {

  /** The benchmark under test, as its plugin builds it. */
  Benchmark benchmark();

  @Provide
  default Arbitrary<Problem> problems() {
    return Arbitraries.of(benchmark().problems());
  }

  @Example
  default void hasUniqueProblemsOfItsName() {
    List<Problem> ps = benchmark().problems();
    assertFalse(ps.isEmpty());
    Set<String> ids = new HashSet<>();
    for (Problem p : ps) {
      assertTrue(ids.add(p.id()), "duplicate id " + p.id());
      assertEquals(benchmark().name(), p.benchmark(), p.id());
    }
  }

  @Property(tries = 50)
  default void problemIdsNameThemselves(@ForAll("problems") Problem p) {
    assertEquals(p.id(), benchmark().problemId(p.id()));
  }

  @Property(tries = 50)
  default void everyProblemHasHiddenTestsAndAJob(@ForAll("problems") Problem p) {
    assertTrue(p.hiddenTests().size() > 0, p.id() + " has no hidden tests");
    ExecutionJob job = benchmark().job("j", p, "pass\n", p.hiddenTests());
    assertEquals("j", job.id());
    assertTrue(job.tests().size() >= p.hiddenTests().size());
  }

  @Example
  default void unreadableTaskIdsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> benchmark().problemId("not an id!"));
  }
}
