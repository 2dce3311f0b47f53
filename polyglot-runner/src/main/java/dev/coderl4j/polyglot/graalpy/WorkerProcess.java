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
import java.util.concurrent.TimeUnit;

/**
 * The runner's handle on one worker process: sends a job, follows its phases, and is killed by
 * the runner's reaper when a phase overruns its hard deadline.
 */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final DataOutputStream out;
  private final DataInputStream in;
  private final StringBuilder stderrTail = new StringBuilder();
  private final String implementation;
  private final String pythonVersion;
  /** System.nanoTime() after which the reaper kills this process; MAX_VALUE when idle. */
  volatile long deadline;
  private volatile boolean killed;

  /** The worker died or was killed during a job; the report holds what is known. */
  static final class Died extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Wire.Report report;

    Died(Wire.Report report) {
      super(report.detail(), null, false, false);
      this.report = report;
    }
  }

  /** Starts a worker and waits until it is ready (or fails, with the worker's own words). */
  WorkerProcess(List<String> command, long startTimeoutNanos,
      java.util.function.Consumer<WorkerProcess> watch) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    this.process = pb.start();
    this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
    this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
    Thread drain = new Thread(() -> drain(process.getErrorStream()), "coderl-worker-stderr");
    drain.setDaemon(true);
    drain.start();
    this.deadline = System.nanoTime() + startTimeoutNanos;
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
      throw new IOException("GraalPy worker did not start" + (killed ? " in time" : "") + ": "
          + e.getMessage() + stderrNote(), e);
    } finally {
      this.deadline = Long.MAX_VALUE;
    }
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

  /** Kills the process (SIGKILL); a job in progress ends with what was reported so far. */
  void kill() {
    killed = true;
    process.destroyForcibly();
  }

  /**
   * Runs one job.
   *
   * @param perTestNanos the soft per-test limit the worker enforces itself
   * @param perProgramNanos the soft per-job limit
   * @param graceNanos how far past a soft limit the runner waits before killing the process
   */
  Wire.Report execute(ExecutionJob job, long perTestNanos, long perProgramNanos, long graceNanos)
      throws Died {
    long start = System.nanoTime();
    long cap = start + perProgramNanos + graceNanos;
    boolean loaded = false;
    List<String> results = new ArrayList<>();
    try {
      Wire.writeJob(out, job);
      out.flush();
      long phaseStart = start;
      // Until the worker reports its imports done, only the per-program cap applies.
      deadline = cap;
      while (true) {
        byte tag = in.readByte();
        switch (tag) {
          case Wire.PHASE -> {
            String r = Wire.readString(in);
            long now = System.nanoTime();
            if (GuestRuntime.PREFETCHED.equals(r)) {
              // Imports ahead of the program do not count against its time (see GuestRuntime).
              cap += now - phaseStart;
            } else if (r == null) {
              loaded = true;
            } else {
              results.add(r);
            }
            phaseStart = now;
            deadline = Math.min(cap, now + perTestNanos + graceNanos);
          }
          case Wire.DONE -> {
            deadline = Long.MAX_VALUE;
            return Wire.Report.read(in);
          }
          case Wire.FATAL -> {
            String msg = Wire.readString(in);
            kill();
            throw new IllegalStateException("GraalPy worker failed: " + msg + stderrNote());
          }
          default -> throw new IOException("unexpected frame " + tag);
        }
      }
    } catch (IOException e) {
      deadline = Long.MAX_VALUE;
      String why = whyDead();
      if (!loaded) {
        throw new Died(new Wire.Report(null, why, List.of(), "worker " + describeDeath(why), true));
      }
      results.add(why);
      throw new Died(new Wire.Report(null, null, results, "worker " + describeDeath(why), true));
    }
  }

  private String whyDead() {
    if (killed) {
      return "Timeout";
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
      case "MemoryError" -> "ran out of heap and exited";
      default -> "died (exit " + (process.isAlive() ? "?" : process.exitValue()) + ")" + stderrNote();
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
