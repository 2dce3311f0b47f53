package dev.coderl4j.polyglot.graalpy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a worker process needs to know, passed on its command line.
 *
 * @param perTestMillis soft deadline per phase (loading, each test)
 * @param perProgramMillis soft deadline for the whole job
 * @param maxOutputBytes stdout kept per test; more ends the test as {@code OutputLimitExceeded}
 * @param stackBytes the stack of the guest thread for programs that raise the recursion limit
 * @param compilation the JIT (the worker refuses to run interpreted then) or the interpreter
 * @param isolation a context reused while it checks clean, or a fresh one per job
 * @param lanes jobs the worker runs at once, each on its own threads and contexts (1 to 255)
 * @param engineOptions extra Truffle engine options
 */
record WorkerConfig(
    long perTestMillis,
    long perProgramMillis,
    long maxOutputBytes,
    long stackBytes,
    GraalPyParams.Compilation compilation,
    GraalPyParams.Isolation isolation,
    int lanes,
    Map<String, String> engineOptions) {

  /** The most lanes a worker frame can name (the lane travels as one unsigned byte). */
  static final int MAX_LANES = 255;

  WorkerConfig {
    engineOptions = Map.copyOf(engineOptions);
    if (lanes < 1 || lanes > MAX_LANES) {
      throw new IllegalArgumentException(
          "lanes must be between 1 and " + MAX_LANES + ", got " + lanes);
    }
  }

  List<String> toArgs() {
    List<String> a =
        new ArrayList<>(
            List.of(
                Long.toString(perTestMillis),
                Long.toString(perProgramMillis),
                Long.toString(maxOutputBytes),
                Long.toString(stackBytes),
                compilation.label(),
                isolation.label(),
                Integer.toString(lanes)));
    engineOptions.forEach((k, v) -> a.add(k + "=" + v));
    return a;
  }

  static WorkerConfig fromArgs(String[] a) {
    if (a.length < 7) {
      throw new IllegalArgumentException(
          "usage: WorkerMain perTestMillis perProgramMillis maxOutputBytes stackBytes compilation"
              + " isolation"
              + " lanes [engine.option=value...]");
    }
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 7; i < a.length; i++) {
      int eq = a[i].indexOf('=');
      opts.put(a[i].substring(0, eq), a[i].substring(eq + 1));
    }
    return new WorkerConfig(
        Long.parseLong(a[0]),
        Long.parseLong(a[1]),
        Long.parseLong(a[2]),
        Long.parseLong(a[3]),
        GraalPyParams.Compilation.of(a[4]),
        GraalPyParams.Isolation.of(a[5]),
        Integer.parseInt(a[6]),
        opts);
  }
}
