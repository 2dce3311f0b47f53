package dev.coderl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.problem.TestSuite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What crosses between driver and executors comes back equal to what was sent. */
class WireProperties {
  private final Wire wire = new Wire();

  @Provide
  Arbitrary<Outcome> outcomes() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
    Arbitrary<Integer> index = Arbitraries.integers().between(-1, 50);
    return Arbitraries.oneOf(
        text.map(Outcome.CompileError::new),
        Combinators.combine(text, index).as(Outcome.RuntimeError::new),
        index.map(Outcome.FailedTest::new),
        Arbitraries.just(new Outcome.Passed()));
  }

  @Provide
  Arbitrary<List<TestResult>> tests() {
    return Arbitraries.oneOf(
            Arbitraries.just(TestResult.PASS),
            Arbitraries.just(TestResult.FAIL),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20).map(TestResult.Error::new))
        .list()
        .ofMaxSize(12);
  }

  @Property(tries = 200)
  void resultsSurviveTheWireWhole(
      @ForAll("outcomes") Outcome outcome,
      @ForAll("tests") List<TestResult> tests,
      @ForAll String id,
      @ForAll String detail,
      @ForAll long millis)
      throws Exception {
    ExecutionResult r = new ExecutionResult(id, outcome, tests, millis, "graalpy", detail);
    assertEquals(r, wire.result(javaSerialised(wire.result(7, r))));
  }

  @Provide
  Arbitrary<TestSuite> suites() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(30);
    return Arbitraries.oneOf(
        Combinators.combine(text, text.list().ofMaxSize(4)).as(TestSuite.Asserts::new),
        Combinators.combine(text, text)
            .as(TestSuite.StdinCase::new)
            .list()
            .ofMaxSize(4)
            .map(TestSuite.Stdin::new),
        Arbitraries.integers()
            .between(-5, 5)
            .list()
            .ofMaxSize(3)
            // Compact JSON: a job line carries call cases as JSON values, so spacing is not kept
            // (the runner reads them as JSON, so it does not matter).
            .map(
                xs -> new TestSuite.CallCase(xs.toString().replace(" ", ""), "[" + xs.size() + "]"))
            .list()
            .ofMaxSize(4)
            .map(cs -> new TestSuite.Call("f", cs)));
  }

  @Property(tries = 200)
  void jobsSurviveTheWireWithTheirStopFlag(
      @ForAll("suites") TestSuite suite, @ForAll String program, @ForAll boolean stop)
      throws Exception {
    ExecutionJob job = new ExecutionJob("j-1", program, suite, stop);
    assertEquals(job, wire.job(javaSerialised(wire.job(3, job))));
  }

  /** Through Java serialisation, as Spark's default serializer sends tasks and results. */
  @SuppressWarnings("unchecked")
  private static <T> T javaSerialised(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
