package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.ExecutionJob;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The entry point of a GraalPy worker process: reads job frames on stdin, answers on stdout.
 *
 * <p>Started by {@link GraalPyRunner} with the same java, flags and classpath as the runner, plus
 * its own {@code -Xmx} (the memory limit) and stack size. It runs one job at a time on a guest
 * thread whose stack bounds the recursion depth. Anything written to {@code System.out} by the
 * JVM or libraries would corrupt the framing, so stdout is taken for the protocol and
 * {@code System.out} is pointed at stderr.
 */
public final class WorkerMain {
  /**
   * The stack for programs that keep CPython's default recursion limit. GraalPy does not stop at
   * {@code sys.getrecursionlimit()}: runaway recursion ends only when the Java stack overflows, and
   * overflowing and unwinding a stack sized for 100,000 frames takes seconds and ignores
   * cancellation. 16 MB holds ~3,500 simple frames, more than the 1,000 CPython allows.
   */
  static final long SMALL_STACK = 16L << 20;

  private WorkerMain() {}

  private static ExecutorService guestThread(String name, long stack) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(null, r, name, stack);
      t.setDaemon(true);
      return t;
    });
  }

  /** Programs that raise the recursion limit run on the thread with the large stack. */
  static boolean asksForDepth(ExecutionJob job) {
    if (job.program().contains("setrecursionlimit")) {
      return true;
    }
    return job.tests() instanceof dev.coderl4j.core.problem.TestSuite.Asserts a
        && (a.setup().contains("setrecursionlimit")
            || a.asserts().stream().anyMatch(t -> t.contains("setrecursionlimit")));
  }

  public static void main(String[] args) throws Exception {
    DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in = new DataInputStream(
        new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
    WorkerConfig cfg = WorkerConfig.fromArgs(args);
    // A worker busy in a guest loop would not notice its stdin closing: follow the runner's JVM.
    ProcessHandle.current().parent().ifPresent(parent ->
        parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    ExecutorService guestThread = guestThread("coderl-guest", SMALL_STACK);
    ExecutorService deepThread = guestThread("coderl-guest-deep", cfg.stackBytes());
    GuestRuntime runtime;
    try {
      // The engine and first context are built on a guest thread with a large stack, which the
      // deep imports of some stdlib modules need.
      runtime = deepThread.submit(() -> new GuestRuntime(cfg)).get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      out.writeByte(Wire.FATAL);
      Wire.writeString(out, c.getClass().getSimpleName() + ": " + c.getMessage());
      out.flush();
      System.exit(2);
      return;
    }
    out.writeByte(Wire.READY);
    Wire.writeString(out, runtime.implementation());
    Wire.writeString(out, runtime.pythonVersion());
    out.flush();
    Object writeLock = new Object();
    java.util.function.Consumer<String> phaseDone = result -> {
      synchronized (writeLock) {
        try {
          out.writeByte(Wire.PHASE);
          Wire.writeString(out, result);
          out.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    while (true) {
      byte tag;
      try {
        tag = in.readByte();
      } catch (EOFException e) {
        break;
      }
      if (tag == Wire.QUIT) {
        break;
      }
      if (tag != Wire.JOB) {
        throw new IOException("unexpected frame " + tag);
      }
      ExecutionJob job = Wire.readJob(in);
      Future<Wire.Report> f = (asksForDepth(job) ? deepThread : guestThread)
          .submit(() -> runtime.run(job, phaseDone));
      Wire.Report report;
      try {
        report = f.get();
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        synchronized (writeLock) {
          out.writeByte(Wire.FATAL);
          Wire.writeString(out, c.getClass().getSimpleName() + ": " + c.getMessage());
          out.flush();
        }
        System.exit(2);
        return;
      }
      synchronized (writeLock) {
        report.write(out);
        out.flush();
      }
      if (report.recycle()) {
        // The heap held a runaway program: leave, and let the runner start a clean worker.
        System.exit(0);
      }
    }
    System.exit(0);
  }
}
