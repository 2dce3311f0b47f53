package dev.coderl4j.list;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A program's canonical form: what it returns on a fixed set of probe inputs (empty and short lists
 * included, so that {@code sort | head} and {@code minimum}, which agree everywhere, share one).
 * Two programs with the same fingerprint are duplicates.
 */
final class Fingerprint {
  /** The probes' own seed: the probes are part of the definition, whatever the benchmark seed. */
  private static final long PROBE_SEED = 2017L;

  private static final int PROBES = 48;

  private final List<Input> probes;
  private final Map<List<Step>, String> memo = new HashMap<>();

  /** Draws the probe inputs, the same for every instance. */
  Fingerprint() {
    Random r = new Random(PROBE_SEED);
    List<Input> out = new ArrayList<>();
    for (int i = 0; i < PROBES; i++) {
      out.add(new Input(list(r, i % 10), list(r, (i * 7) % 10), i % 6));
    }
    this.probes = List.copyOf(out);
  }

  private static List<Long> list(Random r, int len) {
    List<Long> xs = new ArrayList<>();
    for (int i = 0; i < len; i++) {
      xs.add((long) (r.nextInt(41) - 20));
    }
    return xs;
  }

  /** The fingerprint of {@code p} (remembered: short programs are drawn again and again). */
  String of(Program p) {
    return memo.computeIfAbsent(p.steps(), s -> compute(p));
  }

  private String compute(Program p) {
    StringBuilder sb = new StringBuilder();
    for (Input in : probes) {
      sb.append(outcome(p, in)).append(';');
    }
    return sb.toString();
  }

  /** The fingerprint of the identity ({@code return xs}), which no program may equal. */
  String identity() {
    StringBuilder sb = new StringBuilder();
    for (Input in : probes) {
      sb.append(Program.literal(in.xs())).append(';');
    }
    return sb.toString();
  }

  private static String outcome(Program p, Input in) {
    try {
      return Program.literal(p.runUnbounded(in));
    } catch (Step.Raises e) {
      return "raises";
    } catch (ArithmeticException e) {
      return "overflow";
    }
  }
}
