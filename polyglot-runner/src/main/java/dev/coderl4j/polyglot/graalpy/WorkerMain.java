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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.graalvm.polyglot.Engine;

/**
 * The entry point of a GraalPy worker process: reads job frames on stdin, answers on stdout.
 *
 * <p>Started by {@link GraalPyRunner} with the same java, flags and classpath as the runner, plus
 * its own {@code -Xmx} (the memory limit) and stack size. It runs one job at a time per lane (one
 * engine, whose compiled code the lanes share; each lane has its own contexts) on a guest thread
 * whose stack bounds the recursion depth. Anything written to {@code System.out} by the JVM or
 * libraries would corrupt the framing, so stdout is taken for the protocol and {@code System.out}
 * is pointed at stderr.
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
    return Executors.newSingleThreadExecutor(
        r -> {
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

  /** One lane: its runtime and the two guest threads its jobs run on. */
  private record Lane(GuestRuntime runtime, ExecutorService thread, ExecutorService deep) {}

  public static void main(String[] args) throws Exception {
    DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
    WorkerConfig cfg = WorkerConfig.fromArgs(args);
    // A worker busy in a guest loop would not notice its stdin closing: follow the runner's JVM.
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    Object writeLock = new Object();
    List<Lane> lanes = new ArrayList<>();
    Engine engine;
    try {
      // The engine and the first contexts are built on guest threads with a large stack, which
      // the deep imports of some stdlib modules need; the lanes prepare theirs in parallel.
      List<ExecutorService> deep = new ArrayList<>();
      for (int i = 0; i < cfg.lanes(); i++) {
        deep.add(guestThread("coderl-guest-deep-" + i, cfg.stackBytes()));
      }
      engine = deep.getFirst().submit(() -> GuestEngine.create(cfg)).get();
      Set<String> learned = ConcurrentHashMap.newKeySet();
      List<Future<GuestRuntime>> made = new ArrayList<>();
      for (ExecutorService d : deep) {
        made.add(d.submit(() -> new GuestRuntime(cfg, engine, learned)));
      }
      for (int i = 0; i < cfg.lanes(); i++) {
        lanes.add(
            new Lane(
                made.get(i).get(), guestThread("coderl-guest-" + i, SMALL_STACK), deep.get(i)));
      }
    } catch (ExecutionException e) {
      fatal(out, writeLock, e.getCause());
      return;
    }
    MemoryWatch.start(lanes.stream().map(Lane::runtime).toList());
    GuestRuntime first = lanes.getFirst().runtime();
    out.writeByte(Wire.READY);
    Wire.writeString(out, first.implementation());
    Wire.writeString(out, first.pythonVersion());
    out.flush();
    while (true) {
      byte tag;
      try {
        tag = in.readByte();
      } catch (EOFException e) {
        break;
      }
      if (tag == Wire.QUIT) {
        if (cfg.compilation() == GraalPyParams.Compilation.JIT && dumpsArchive()) {
          trainCompiler(engine, lanes.getFirst().deep());
        }
        break;
      }
      if (tag != Wire.JOB) {
        throw new IOException("unexpected frame " + tag);
      }
      int laneIndex = in.readUnsignedByte();
      ExecutionJob job = Wire.readJob(in);
      if (laneIndex >= lanes.size()) {
        throw new IOException("job for lane " + laneIndex + " of " + lanes.size());
      }
      Lane lane = lanes.get(laneIndex);
      java.util.function.Consumer<String> phaseDone =
          result -> {
            synchronized (writeLock) {
              try {
                out.writeByte(Wire.PHASE);
                out.writeByte(laneIndex);
                Wire.writeString(out, result);
                out.flush();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          };
      // The job runs on its lane's thread; this thread goes back to reading, so the lanes' jobs
      // overlap. Each report is written as its job ends.
      (asksForDepth(job) ? lane.deep() : lane.thread())
          .execute(
              () -> {
                Wire.Report report;
                try {
                  report = lane.runtime().run(job, phaseDone);
                } catch (RuntimeException | Error e) {
                  fatal(out, writeLock, e);
                  return;
                }
                synchronized (writeLock) {
                  try {
                    report.write(out, laneIndex);
                    out.flush();
                  } catch (IOException e) {
                    // The runner is gone; its exit ends this process too.
                    return;
                  }
                  if (report.recycle()) {
                    // The heap held a runaway program: leave, and let the runner start a clean
                    // worker
                    // (and run again the jobs that other lanes had in progress).
                    System.exit(0);
                  }
                }
              });
    }
    System.exit(0);
  }

  /** Whether this JVM writes a class-data archive as it exits ({@link ClassDataArchive}). */
  private static boolean dumpsArchive() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
  }

  /**
   * Before a JIT worker writes its archive: makes the Graal compiler compile a loop, so that the
   * archive holds the compiler's classes even when the run that writes it was a few short programs
   * that compiled nothing (such an archive cost ~1 s per later MBPP benchmark run).
   */
  private static void trainCompiler(Engine engine, ExecutorService thread) {
    String loop =
        """
        import time
        def f(n):
            s = 0
            for i in range(n):
                s += i % 7
            return s
        t = time.monotonic()
        while time.monotonic() - t < 2.0:
            f(20000)
        """;
    try {
      thread
          .submit(
              () -> {
                try (org.graalvm.polyglot.Context c =
                    org.graalvm.polyglot.Context.newBuilder("python").engine(engine).build()) {
                  c.eval("python", loop);
                }
              })
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      // Only the archive's contents are at stake: write it with what was loaded.
    }
  }

  private static void fatal(DataOutputStream out, Object writeLock, Throwable c) {
    synchronized (writeLock) {
      try {
        out.writeByte(Wire.FATAL);
        Wire.writeString(out, c.getClass().getSimpleName() + ": " + c.getMessage());
        out.flush();
      } catch (IOException ignored) {
        // Nobody is listening any more.
      }
      System.exit(2);
    }
  }
}
