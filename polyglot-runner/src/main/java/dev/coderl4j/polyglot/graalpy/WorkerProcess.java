package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.ExecutionJob;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The runner's handle on one worker process: sends jobs (one per lane at a time), follows their
 * phases on a reader thread, and is killed by the runner's reaper when a phase overruns its hard
 * deadline.
 */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final DataOutputStream out;
  private final DataInputStream in;
  private final StringBuilder stderrTail = new StringBuilder();
  private final String implementation;
  private final String pythonVersion;
  private final LaneState[] lanes;

  /** System.nanoTime() after which the reaper kills a worker that is still starting. */
  private volatile long startDeadline;

  private volatile boolean killed;
  private volatile boolean retired;

  /** The lane whose program overran its hard deadline and got the process killed, or -1. */
  private volatile int killedFor = -1;

  /**
   * Why a job that did not get its report should be run again: its worker was killed for another
   * lane's program ({@code AGAIN}), or died of something any of the programs it ran at the time may
   * have caused, such as running out of heap ({@code ALONE}: in a worker of its own).
   */
  enum Rerun {
    NO,
    AGAIN,
    ALONE
  }

  /** The worker died or was killed during a job; the report holds what is known. */
  static final class Died extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Wire.Report report;
    final Rerun rerun;

    Died(Wire.Report report, Rerun rerun) {
      super(report.detail(), null, false, false);
      this.report = report;
      this.rerun = rerun;
    }
  }

  /** What the runner knows of the job in one lane; guarded by the instance. */
  private static final class LaneState {
    CompletableFuture<Wire.Report> done;
    List<String> results;
    boolean loaded;
    long cap;
    long phaseStart;
    long perTestNanos;
    long graceNanos;

    /** System.nanoTime() after which the reaper kills the process; MAX_VALUE when idle. */
    volatile long deadline = Long.MAX_VALUE;
  }

  /** Starts a worker and waits until it is ready (or fails, with the worker's own words). */
  WorkerProcess(
      List<String> command,
      int lanes,
      long startTimeoutNanos,
      java.util.function.Consumer<WorkerProcess> watch)
      throws IOException {
    this.lanes = new LaneState[lanes];
    for (int i = 0; i < lanes; i++) {
      this.lanes[i] = new LaneState();
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    this.process = pb.start();
    this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    Thread drain = new Thread(() -> drain(process.getErrorStream()), "coderl-worker-stderr");
    drain.setDaemon(true);
    drain.start();
    this.startDeadline = System.nanoTime() + startTimeoutNanos;
    watch.accept(this);
    try {
      byte tag = in.readByte();
      if (tag == Wire.FATAL) {
        String msg = Wire.readString(in);
        kill();
        throw new IllegalStateException("GraalPy worker refused to start: " + msg);
      }
      if (tag != Wire.READY) {
        throw new IOException("unexpected first frame " + tag + stderrNote());
      }
      this.implementation = Wire.readString(in);
      this.pythonVersion = Wire.readString(in);
    } catch (IOException e) {
      kill();
      throw new IOException(
          "GraalPy worker did not start"
              + (killed ? " in time" : "")
              + ": "
              + e.getMessage()
              + stderrNote(),
          e);
    } finally {
      this.startDeadline = Long.MAX_VALUE;
    }
    Thread reader = new Thread(this::readLoop, "coderl-worker-reader-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  private void drain(InputStream err) {
    byte[] buf = new byte[4096];
    try {
      int n;
      while ((n = err.read(buf)) > 0) {
        synchronized (stderrTail) {
          stderrTail.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          if (stderrTail.length() > 8192) {
            stderrTail.delete(0, stderrTail.length() - 8192);
          }
        }
      }
    } catch (IOException ignored) {
      // The process ended.
    }
  }

  private String stderrNote() {
    synchronized (stderrTail) {
      String s = stderrTail.toString().strip();
      return s.isEmpty() ? "" : "; worker stderr: " + s;
    }
  }

  String implementation() {
    return implementation;
  }

  String pythonVersion() {
    return pythonVersion;
  }

  boolean alive() {
    return process.isAlive() && !killed;
  }

  long pid() {
    return process.pid();
  }

  /** Kills the process to replace it (its heap is suspect); jobs in progress are run again. */
  void retire() {
    retired = true;
    kill();
  }

  /** Kills the process (SIGKILL); the jobs in progress end with what was reported so far. */
  void kill() {
    killed = true;
    process.destroyForcibly();
  }

  /** Kills the process if it is still starting past its deadline or a lane's program overran. */
  void reap(long now) {
    if (now - startDeadline > 0) {
      kill();
      return;
    }
    for (int i = 0; i < lanes.length; i++) {
      if (now - lanes[i].deadline > 0) {
        if (killedFor < 0) {
          killedFor = i;
        }
        kill();
        return;
      }
    }
  }

  /**
   * Runs one job in a lane (one job per lane at a time).
   *
   * @param perTestNanos the soft per-test limit the worker enforces itself
   * @param perProgramNanos the soft per-job limit
   * @param graceNanos how far past a soft limit the runner waits before killing the process
   */
  Wire.Report execute(
      int lane, ExecutionJob job, long perTestNanos, long perProgramNanos, long graceNanos)
      throws Died {
    LaneState st = lanes[lane];
    CompletableFuture<Wire.Report> done = new CompletableFuture<>();
    synchronized (this) {
      long start = System.nanoTime();
      st.done = done;
      st.results = new ArrayList<>();
      st.loaded = false;
      st.cap = start + perProgramNanos + graceNanos;
      st.phaseStart = start;
      st.perTestNanos = perTestNanos;
      st.graceNanos = graceNanos;
      // Until the worker reports its imports done, only the per-program cap applies.
      st.deadline = st.cap;
      if (!alive()) {
        st.deadline = Long.MAX_VALUE;
        st.done = null;
        throw died(lane, st);
      }
    }
    try {
      synchronized (out) {
        Wire.writeJob(out, lane, job);
        out.flush();
      }
    } catch (IOException e) {
      // The reader sees the end of the stream and settles this lane's job.
    }
    try {
      return done.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof Died d) {
        throw d;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Reads the worker's frames and settles each lane's job; on the end of the stream, all. */
  private void readLoop() {
    try {
      while (true) {
        byte tag = in.readByte();
        switch (tag) {
          case Wire.PHASE -> {
            int lane = in.readUnsignedByte();
            String r = Wire.readString(in);
            phase(lanes[lane], r);
          }
          case Wire.DONE -> {
            int lane = in.readUnsignedByte();
            Wire.Report report = Wire.Report.read(in);
            CompletableFuture<Wire.Report> done;
            synchronized (this) {
              LaneState st = lanes[lane];
              st.deadline = Long.MAX_VALUE;
              done = st.done;
              st.done = null;
            }
            if (done != null) {
              done.complete(report);
            }
          }
          case Wire.FATAL -> {
            String msg = Wire.readString(in);
            kill();
            IllegalStateException failure =
                new IllegalStateException("GraalPy worker failed: " + msg + stderrNote());
            for (LaneState st : lanes) {
              CompletableFuture<Wire.Report> done;
              synchronized (this) {
                done = st.done;
                st.done = null;
                st.deadline = Long.MAX_VALUE;
              }
              if (done != null) {
                done.completeExceptionally(failure);
              }
            }
            return;
          }
          default -> throw new IOException("unexpected frame " + tag);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The process ended (or broke the protocol): settle every job in progress. A worker that
      // exits closes its stdout a moment before it is gone, so why it died (its exit status) is
      // asked first, and only then is a process still there killed.
      for (int i = 0; i < lanes.length; i++) {
        LaneState st = lanes[i];
        CompletableFuture<Wire.Report> done;
        Died d;
        synchronized (this) {
          done = st.done;
          st.done = null;
          st.deadline = Long.MAX_VALUE;
          d = done == null ? null : died(i, st);
        }
        if (done != null) {
          done.completeExceptionally(d);
        }
      }
      if (process.isAlive()) {
        kill();
      }
    }
  }

  private synchronized void phase(LaneState st, String r) {
    long now = System.nanoTime();
    if (GuestRuntime.PREFETCHED.equals(r)) {
      // Imports ahead of the program do not count against its time (see GuestRuntime).
      st.cap += now - st.phaseStart;
    } else if (r == null) {
      st.loaded = true;
    } else {
      st.results.add(r);
    }
    st.phaseStart = now;
    st.deadline = Math.min(st.cap, now + st.perTestNanos + st.graceNanos);
  }

  /** What a lane's job gets when the process is gone: the results so far and whether to rerun. */
  private Died died(int lane, LaneState st) {
    String why = whyDead(lane);
    Rerun rerun =
        switch (why) {
          case "Timeout" -> Rerun.NO;
          case "Killed" -> Rerun.AGAIN;
          // Retired after another lane's job found the heap in trouble: settle this one alone.
          // With other lanes in the same heap, the job may have been the victim: settle it alone.
          default -> lanes.length > 1 ? Rerun.ALONE : Rerun.NO;
        };
    String note = "worker " + describeDeath(why);
    if (why.equals("Killed") || why.equals("Retired")) {
      // Only seen when the job is run again; the name is what a result says if it is not.
      why = "WorkerCrash";
    }
    if (!st.loaded) {
      return new Died(new Wire.Report(null, why, List.of(), note, true), rerun);
    }
    List<String> results = new ArrayList<>(st.results);
    results.add(why);
    return new Died(new Wire.Report(null, null, results, note, true), rerun);
  }

  private String whyDead(int lane) {
    if (killedFor == lane) {
      return "Timeout";
    }
    if (killedFor >= 0) {
      return "Killed";
    }
    if (retired) {
      return "Retired";
    }
    if (killed) {
      return "WorkerCrash";
    }
    try {
      if (process.waitFor(2, TimeUnit.SECONDS) && process.exitValue() == 3) {
        // -XX:+ExitOnOutOfMemoryError exits with 3.
        return "MemoryError";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "WorkerCrash";
  }

  private String describeDeath(String why) {
    return switch (why) {
      case "Timeout" -> "killed past its hard deadline (the program ignored cancellation)";
      case "Killed" -> "killed past the hard deadline of another program it was running";
      case "Retired" -> "replaced after another program it was running filled its heap";
      case "MemoryError" -> "ran out of heap and exited";
      default ->
          "died (exit " + (process.isAlive() ? "?" : process.exitValue()) + ")" + stderrNote();
    };
  }

  /**
   * Asks the worker to quit and waits up to {@code seconds} for it; whether it exited with 0 (a
   * worker that writes a class-data archive does so on its way out).
   */
  boolean closeAndWait(int seconds) {
    if (!process.isAlive() || killed) {
      return false;
    }
    try {
      out.writeByte(Wire.QUIT);
      out.flush();
      if (process.waitFor(seconds, TimeUnit.SECONDS)) {
        return process.exitValue() == 0;
      }
    } catch (IOException e) {
      // Fall through to the kill.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    return false;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        out.writeByte(Wire.QUIT);
        out.flush();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (IOException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
