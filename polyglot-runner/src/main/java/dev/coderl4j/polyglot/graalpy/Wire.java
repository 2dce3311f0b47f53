package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.TestSuite;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The framing between the runner and its worker processes, over the worker's stdin and stdout.
 *
 * <p>Each frame is a tag byte and a payload of ints, booleans and length-prefixed UTF-8 strings (no
 * JSON on this path: both ends are this code, and parsing JSON costs more than the typical program
 * takes to run). Runner to worker: {@link #JOB}, {@link #QUIT}. Worker to runner: {@link #READY}
 * once, then per job any number of {@link #PHASE} frames (one when each phase ends, so the runner
 * can keep a hard deadline per test) and one {@link #DONE}; {@link #FATAL} when the worker cannot
 * work at all. A worker runs several jobs at once, one per lane: {@link #JOB}, {@link #PHASE} and
 * {@link #DONE} name their lane in the byte after the tag.
 */
final class Wire {
  static final byte JOB = 'J';
  static final byte QUIT = 'Q';
  static final byte READY = 'R';
  static final byte PHASE = 'P';
  static final byte DONE = 'D';
  static final byte FATAL = 'F';

  private static final byte ASSERT = 0;
  private static final byte STDIN = 1;
  private static final byte CALL = 2;

  private Wire() {}

  static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException("truncated frame");
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Writes a job frame for a lane (not flushed). */
  static void writeJob(DataOutputStream out, int lane, ExecutionJob job) throws IOException {
    out.writeByte(JOB);
    out.writeByte(lane);
    writeString(out, job.id());
    writeString(out, job.program());
    out.writeBoolean(job.stopAtFirstFailure());
    switch (job.tests()) {
      case TestSuite.Asserts a -> {
        out.writeByte(ASSERT);
        writeString(out, a.setup());
        out.writeInt(a.asserts().size());
        for (String s : a.asserts()) {
          writeString(out, s);
        }
      }
      case TestSuite.Stdin s -> {
        out.writeByte(STDIN);
        out.writeInt(s.cases().size());
        for (TestSuite.StdinCase c : s.cases()) {
          writeString(out, c.input());
          writeString(out, c.output());
        }
      }
      case TestSuite.Call c -> {
        out.writeByte(CALL);
        writeString(out, c.fnName());
        out.writeInt(c.cases().size());
        for (TestSuite.CallCase cc : c.cases()) {
          writeString(out, cc.argsJson());
          writeString(out, cc.outputJson());
        }
      }
    }
  }

  /** Reads the body of a job frame (after its tag and lane). */
  static ExecutionJob readJob(DataInputStream in) throws IOException {
    String id = readString(in);
    String program = readString(in);
    boolean stop = in.readBoolean();
    byte kind = in.readByte();
    TestSuite suite =
        switch (kind) {
          case ASSERT -> {
            String setup = readString(in);
            int n = in.readInt();
            List<String> asserts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              asserts.add(readString(in));
            }
            yield new TestSuite.Asserts(setup, asserts);
          }
          case STDIN -> {
            int n = in.readInt();
            List<TestSuite.StdinCase> cases = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              cases.add(new TestSuite.StdinCase(readString(in), readString(in)));
            }
            yield new TestSuite.Stdin(cases);
          }
          case CALL -> {
            String fn = readString(in);
            int n = in.readInt();
            List<TestSuite.CallCase> cases = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              cases.add(new TestSuite.CallCase(readString(in), readString(in)));
            }
            yield new TestSuite.Call(fn, cases);
          }
          default -> throw new IOException("unknown job kind " + kind);
        };
    return new ExecutionJob(id, program, suite, stop);
  }

  /**
   * What a worker reports for one job: the raw facts, classified by the runner with core's {@code
   * Classification}.
   *
   * @param compileError the compiler's message, or null
   * @param loadError the exception type raised while loading, or null
   * @param tests wire strings ({@code true}, {@code false}, a type name) in test order
   * @param detail a note for humans (which limit was hit, why a context was discarded)
   * @param recycle the worker will exit after this job (its heap is suspect); start another
   */
  record Report(
      String compileError, String loadError, List<String> tests, String detail, boolean recycle) {
    Report {
      tests = List.copyOf(tests);
    }

    /** This report with one more item in its detail. */
    Report withDetail(String more) {
      String d = detail == null || detail.isEmpty() ? more : detail + "; " + more;
      return new Report(compileError, loadError, tests, d, recycle);
    }

    /** Writes the report as a lane's {@link #DONE} frame (not flushed). */
    void write(DataOutputStream out, int lane) throws IOException {
      out.writeByte(DONE);
      out.writeByte(lane);
      writeString(out, compileError);
      writeString(out, loadError);
      out.writeInt(tests.size());
      for (String t : tests) {
        writeString(out, t);
      }
      writeString(out, detail);
      out.writeBoolean(recycle);
    }

    /** Reads the body of a {@link #DONE} frame (after its tag and lane). */
    static Report read(DataInputStream in) throws IOException {
      String compile = readString(in);
      String load = readString(in);
      int n = in.readInt();
      List<String> tests = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        tests.add(readString(in));
      }
      String detail = readString(in);
      boolean recycle = in.readBoolean();
      return new Report(compile, load, tests, detail, recycle);
    }
  }
}
