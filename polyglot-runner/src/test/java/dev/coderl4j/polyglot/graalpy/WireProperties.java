package dev.coderl4j.polyglot.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.TestSuite;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The worker framing carries every job and report unchanged. */
class WireProperties {
  @Provide
  Arbitrary<ExecutionJob> jobs() {
    // No lone surrogates: they are not text (UTF-8 cannot carry them, and Python source cannot hold
    // them).
    Arbitrary<String> text =
        Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(40);
    Arbitrary<TestSuite> asserts =
        Combinators.combine(text, text.list().ofMaxSize(4)).as(TestSuite.Asserts::new);
    Arbitrary<TestSuite> stdin =
        Combinators.combine(text, text)
            .as(TestSuite.StdinCase::new)
            .list()
            .ofMaxSize(4)
            .map(TestSuite.Stdin::new);
    Arbitrary<TestSuite> call =
        Combinators.combine(text, text)
            .as(TestSuite.CallCase::new)
            .list()
            .ofMaxSize(4)
            .map(c -> new TestSuite.Call("f", c));
    return Combinators.combine(
            text, text, Arbitraries.oneOf(asserts, stdin, call), Arbitraries.of(true, false))
        .as(ExecutionJob::new);
  }

  @Property(tries = 300)
  void jobsRoundTrip(
      @ForAll("jobs") ExecutionJob job,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = WorkerConfig.MAX_LANES) int lane)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    Wire.writeJob(out, lane, job);
    out.flush();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(Wire.JOB, in.readByte());
    assertEquals(lane, in.readUnsignedByte());
    assertEquals(job, Wire.readJob(in));
  }

  @Property(tries = 100)
  void reportsRoundTrip(
      @ForAll("jobs") ExecutionJob job,
      @ForAll boolean recycle,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = WorkerConfig.MAX_LANES) int lane)
      throws IOException {
    var report =
        new Wire.Report(
            job.program().isEmpty() ? null : job.program(),
            null,
            List.of("true", "false", job.id()),
            job.id(),
            recycle);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    report.write(out, lane);
    out.flush();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(Wire.DONE, in.readByte());
    assertEquals(lane, in.readUnsignedByte());
    assertEquals(report, Wire.Report.read(in));
  }
}
