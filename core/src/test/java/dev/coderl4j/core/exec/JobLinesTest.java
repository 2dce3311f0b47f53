package dev.coderl4j.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.problem.TestSuite;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JobLinesTest {
  private final JobLines lines = new JobLines();

  @Provide
  Arbitrary<ExecutionJob> jobs() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30);
    Arbitrary<TestSuite> asserts =
        Arbitraries.of("", "X = 1")
            .flatMap(setup -> text.list().ofMaxSize(3).map(t -> new TestSuite.Asserts(setup, t)));
    Arbitrary<TestSuite> stdin =
        text.list()
            .ofMaxSize(3)
            .map(
                t ->
                    new TestSuite.Stdin(
                        t.stream().map(s -> new TestSuite.StdinCase(s, s + "\n")).toList()));
    Arbitrary<TestSuite> call =
        Arbitraries.integers()
            .list()
            .ofMaxSize(3)
            .map(
                t ->
                    new TestSuite.Call(
                        "f",
                        t.stream()
                            .map(i -> new TestSuite.CallCase("[" + i + ", \"a\"]", "[" + i + "]"))
                            .toList()));
    return net.jqwik.api.Combinators.combine(text, text, Arbitraries.oneOf(asserts, stdin, call))
        .as((id, program, suite) -> new ExecutionJob(id, program, suite));
  }

  @Property(tries = 200)
  void jobLinesRoundTrip(@ForAll("jobs") ExecutionJob job) {
    JobLines.Parsed p = lines.parse(lines.jobLine(job), 1);
    ExecutionJob back = assertInstanceOf(JobLines.Parsed.Job.class, p).job();
    assertEquals(job.id(), back.id());
    assertEquals(job.program(), back.program());
    if (job.tests() instanceof TestSuite.Call c) {
      TestSuite.Call bc = (TestSuite.Call) back.tests();
      assertEquals(c.fnName(), bc.fnName());
      assertEquals(c.cases().size(), bc.cases().size());
    } else {
      assertEquals(job.tests(), back.tests());
    }
  }

  @Example
  void malformedLinesSayWhatIsWrong() {
    var bad = (JobLines.Parsed.Malformed) lines.parse("{not json", 3);
    assertEquals("line-3", bad.id());
    var noKind =
        (JobLines.Parsed.Malformed) lines.parse("{\"id\":\"a\",\"program\":\"x\",\"tests\":[]}", 1);
    assertEquals("a", noKind.id());
    assertTrue(noKind.reason().contains("kind"), noKind.reason());
    var wrongKind =
        (JobLines.Parsed.Malformed)
            lines.parse(
                "{\"id\":\"b\",\"kind\":\"stdin\",\"program\":\"x\",\"tests\":[\"assert 1\"]}", 1);
    assertTrue(wrongKind.reason().contains("input"), wrongKind.reason());
    var extra =
        (JobLines.Parsed.Malformed)
            lines.parse(
                "{\"id\":\"c\",\"kind\":\"assert\",\"program\":\"x\",\"tests\":[],\"bogus\":1}", 1);
    assertTrue(extra.reason().contains("bogus"), extra.reason());
  }

  @Example
  void resultLinesHaveExactlyTheDocumentedFields() {
    var r =
        new ExecutionResult(
            "x",
            new Outcome.RuntimeError("ValueError", 1),
            List.of(TestResult.PASS, new TestResult.Error("ValueError"), TestResult.FAIL),
            12,
            "graalpy",
            "d");
    assertEquals(
        "{\"id\":\"x\",\"outcome\":\"RUNTIME_ERROR\","
            + "\"tests\":[true,\"ValueError\",false],\"millis\":12}",
        lines.resultLine(r));
  }
}
