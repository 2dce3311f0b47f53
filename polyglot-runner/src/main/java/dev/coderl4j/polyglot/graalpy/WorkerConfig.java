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
 * @param jit whether the Graal JIT is expected (the worker refuses to run interpreted if so)
 * @param fresh a fresh context per job instead of verified reuse
 * @param lanes jobs the worker runs at once, each on its own threads and contexts (1 to 255)
 * @param engineOptions extra Truffle engine options
 */
record WorkerConfig(long perTestMillis, long perProgramMillis, long maxOutputBytes,
    long stackBytes, boolean jit, boolean fresh, int lanes, Map<String, String> engineOptions) {

  /** The most lanes a worker frame can name (the lane travels as one unsigned byte). */
  static final int MAX_LANES = 255;

  WorkerConfig {
    engineOptions = Map.copyOf(engineOptions);
    if (lanes < 1 || lanes > MAX_LANES) {
      throw new IllegalArgumentException("lanes must be between 1 and " + MAX_LANES + ", got " + lanes);
    }
  }

  List<String> toArgs() {
    List<String> a = new ArrayList<>(List.of(
        Long.toString(perTestMillis), Long.toString(perProgramMillis), Long.toString(maxOutputBytes),
        Long.toString(stackBytes), Boolean.toString(jit), Boolean.toString(fresh),
        Integer.toString(lanes)));
    engineOptions.forEach((k, v) -> a.add(k + "=" + v));
    return a;
  }

  static WorkerConfig fromArgs(String[] a) {
    if (a.length < 7) {
      throw new IllegalArgumentException(
          "usage: WorkerMain perTestMillis perProgramMillis maxOutputBytes stackBytes jit fresh"
              + " lanes [engine.option=value...]");
    }
    Map<String, String> opts = new LinkedHashMap<>();
    for (int i = 7; i < a.length; i++) {
      int eq = a[i].indexOf('=');
      opts.put(a[i].substring(0, eq), a[i].substring(eq + 1));
    }
    return new WorkerConfig(Long.parseLong(a[0]), Long.parseLong(a[1]), Long.parseLong(a[2]),
        Long.parseLong(a[3]), Boolean.parseBoolean(a[4]), Boolean.parseBoolean(a[5]),
        Integer.parseInt(a[6]), opts);
  }
}
