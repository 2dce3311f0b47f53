package dev.coderl4j.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** Properties of the generator over random seeds, at small sizes. */
class GenerationProperties {

  private static List<String> lines(Generation.Result r) {
    return r.splits().values().stream().flatMap(List::stream).map(ProblemFiles::line).toList();
  }

  @Property(tries = 4)
  void isDeterministic(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    Generation.Result a = Generation.run(seed, 150, 40, 20);
    Generation.Result b = Generation.run(seed, 150, 40, 20);
    assertEquals(lines(a), lines(b));
    assertEquals(a.heldOutPairs(), b.heldOutPairs());
    assertEquals(a.rejected(), b.rejected());
    assertNotEquals(lines(a), lines(Generation.run(seed + 1, 150, 40, 20)));
  }

  @Property(tries = 6)
  void hasNoDegenerateOrDuplicateProgramAndKeepsTheSplitsApart(
      @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    Generation.Result r = Generation.run(seed, 300, 80, 40);
    assertEquals(300, r.splits().get(ListPrograms.TRAIN).size());
    assertEquals(80, r.splits().get(ListPrograms.TEST).size());
    assertEquals(40, r.splits().get(ListPrograms.COMPOSITIONAL).size());
    assertEquals(Generation.HELD_OUT_PAIRS, r.heldOutPairs().size());
    Invariants.check(r);
  }

  @Property(tries = 4)
  void filesReadBackAsTheProblemsWritten(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
    Generation.Result r = Generation.run(seed, 60, 20, 10);
    for (var e : r.splits().entrySet()) {
      String text = String.join("\n", e.getValue().stream().map(ProblemFiles::line).toList());
      var problems =
          ProblemFiles.parse(
              new java.io.ByteArrayInputStream(
                  text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
              "mem",
              e.getKey());
      for (int i = 0; i < problems.size(); i++) {
        Generation.Problem g = e.getValue().get(i);
        var p = problems.get(i);
        assertEquals(g.id(), p.id());
        assertEquals(g.statement(), p.statement());
        assertEquals(List.of(g.program().python()), p.solutions());
        assertEquals(
            g.hiddenTests(),
            ((dev.coderl4j.core.problem.TestSuite.Asserts) p.hiddenTests()).asserts());
        assertEquals(g.program().difficulty(), p.difficulty().orElseThrow());
      }
    }
  }
}
