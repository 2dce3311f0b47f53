package dev.coderl4j.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link OutcomeCodec}: every outcome and test result survives the JSON round trip, details kept.
 */
class OutcomeCodecProperties {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A record as the run layer's files hold them. */
  record Held(Outcome outcome, List<TestResult> tests) {}

  @Provide
  Arbitrary<Outcome> outcomes() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<Integer> test = Arbitraries.integers().between(-1, 20);
    return Arbitraries.oneOf(
        text.map(Outcome.CompileError::new),
        net.jqwik.api.Combinators.combine(text, test).as(Outcome.RuntimeError::new),
        test.map(Outcome.FailedTest::new),
        Arbitraries.just(new Outcome.Passed()));
  }

  @Provide
  Arbitrary<List<TestResult>> tests() {
    return Arbitraries.oneOf(
            Arbitraries.just(TestResult.PASS),
            Arbitraries.just(TestResult.FAIL),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(TestResult.Error::new))
        .list()
        .ofMaxSize(6);
  }

  @Property
  void recordsHoldingOutcomesRoundTrip(
      @ForAll("outcomes") Outcome o, @ForAll("tests") List<TestResult> tests) throws Exception {
    Held h = new Held(o, tests);
    assertEquals(h, JSON.readValue(JSON.writeValueAsString(h), Held.class));
    assertEquals(o, OutcomeCodec.readOutcome(OutcomeCodec.outcomeNode(o)));
    assertEquals(tests, OutcomeCodec.readTests(OutcomeCodec.testsNode(tests)));
  }

  @Property
  void jobLinesWriteTheSameTestsAndLabel(
      @ForAll("outcomes") Outcome o, @ForAll("tests") List<TestResult> tests) {
    var line = new JobLines().resultNode(new ExecutionResult("j", o, tests, 3, "x", ""));
    assertEquals(o.label(), line.get("outcome").asText());
    assertEquals(OutcomeCodec.testsNode(tests), line.get("tests"));
  }

  @Example
  void anUnknownLabelNamesTheKnownOnes() {
    var bad = JsonNodeFactory.instance.objectNode().put("label", "OOPS");
    var e = assertThrows(IllegalArgumentException.class, () -> OutcomeCodec.readOutcome(bad));
    assertEquals(true, e.getMessage().contains("PASSED"), e.getMessage());
  }
}
