package dev.coderl4j.list;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-memory generation of the list-programs benchmark: sampling step chains, drawing their test
 * inputs, rejecting degenerate programs, and splitting them. Everything comes from one {@link
 * Random} seeded by the caller ({@code java.util.Random}'s algorithm is fixed by its specification,
 * so the same seed gives the same benchmark on every JDK).
 *
 * <p>Rejected: a program that raises (or leaves ±{@value Program#MAX_ABS}) on every redraw of a
 * test input, one with the same output on every test input, and one that behaves like an earlier
 * program (or like the identity) on a fixed set of probe inputs: canonicalisation is observational
 * equivalence, as in DeepCoder's de-duplication, and shorter programs come first so that the
 * shortest of equivalent programs is kept.
 */
final class Generation {
  /** Example tests shown in the statement: 2 or 3. */
  static final int MIN_EXAMPLES = 2;

  static final int MAX_EXAMPLES = 3;

  /** Hidden tests, which decide reward and pass@k. */
  static final int HIDDEN = 10;

  /** How often one test input is redrawn when the program raises on it. */
  static final int REDRAWS = 5;

  /**
   * Adjacent function pairs that train and test never contain and test-compositional always does.
   */
  static final int HELD_OUT_PAIRS = 20;

  /**
   * Shares of each program length (1–5 steps) in train + test; a length short of programs passes
   * its remainder on to the next.
   */
  private static final double[] POOL_SHARE = {0.01, 0.30, 0.45, 0.15, 0.09};

  /**
   * Shares of each program length (1–5 steps) in test: a quarter of it introductory (2 steps), so
   * that a small actor's evaluation can keep to the introductory problems and still have 250 (there
   * are only about 600 distinct programs of 1–2 steps, and train would otherwise take 5/6 of them).
   * A length short of programs passes its remainder on to the next.
   */
  private static final double[] TEST_SHARE = {0.01, 0.25, 0.45, 0.17, 0.12};

  /** Shares of each length (2–5 steps) in test-compositional. */
  private static final double[] COMPOSITIONAL_SHARE = {0, 0.45, 0.35, 0.12, 0.08};

  /** Why a candidate program was dropped. */
  enum Rejection {
    RAISES,
    OUT_OF_RANGE,
    CONSTANT,
    DUPLICATE;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One generated problem.
   *
   * @param id e.g. {@code list-programs/train/17}
   * @param split {@code train}, {@code test} or {@code test-compositional}
   * @param program the reference program
   * @param frame the statement's opening
   * @param phrasings the phrasing of each step
   * @param statement the statement with its examples
   * @param exampleTests the asserts shown in the statement
   * @param hiddenTests the asserts that decide correctness
   * @param inputs the inputs of the example tests, then of the hidden tests
   * @param outputs what the program returns on each input ({@code Long} or {@code List<Long>})
   */
  record Problem(
      String id,
      String split,
      Program program,
      int frame,
      List<Integer> phrasings,
      String statement,
      List<String> exampleTests,
      List<String> hiddenTests,
      List<Input> inputs,
      List<Object> outputs) {
    Problem {
      Objects.requireNonNull(id, "id");
      phrasings = List.copyOf(phrasings);
      exampleTests = List.copyOf(exampleTests);
      hiddenTests = List.copyOf(hiddenTests);
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * A whole generated benchmark.
   *
   * @param splits the problems of each split, in order
   * @param heldOutPairs the function pairs held out of train and test
   * @param rejected candidates dropped, by reason
   */
  record Result(
      Map<String, List<Problem>> splits, Set<String> heldOutPairs, Map<String, Integer> rejected) {}

  private final Random rnd;
  private final Fingerprint fingerprint = new Fingerprint();
  private final Set<String> seen = new HashSet<>();
  private final Map<Rejection, Integer> rejected = new TreeMap<>();
  private final Set<String> heldOut;

  private Generation(long seed) {
    this.rnd = new Random(seed);
    this.heldOut = chooseHeldOut();
    for (Rejection r : Rejection.values()) {
      rejected.put(r, 0);
    }
    seen.add(fingerprint.identity());
  }

  /** Generates {@code train} + {@code test} + {@code compositional} problems from {@code seed}. */
  static Result run(long seed, int train, int test, int compositional) {
    Generation g = new Generation(seed);
    List<Candidate> pool = g.fill(train + test, POOL_SHARE, false);
    if (pool.size() < train + test) {
      throw new IllegalArgumentException(
          "Only "
              + pool.size()
              + " distinct list programs could be"
              + " generated; ask for fewer train + test problems than "
              + (train + test));
    }
    g.shuffle(pool);
    List<Candidate> comp = g.fill(compositional, COMPOSITIONAL_SHARE, true);
    if (comp.size() < compositional) {
      throw new IllegalArgumentException(
          "Only "
              + comp.size()
              + " compositional programs could be"
              + " generated; ask for at most that many test-compositional problems");
    }
    g.shuffle(comp);
    List<Candidate> testPart = takeByLength(pool, test, TEST_SHARE);
    Map<String, List<Problem>> splits = new LinkedHashMap<>();
    splits.put(ListPrograms.TRAIN, g.problems(ListPrograms.TRAIN, pool.subList(0, train)));
    splits.put(ListPrograms.TEST, g.problems(ListPrograms.TEST, testPart));
    splits.put(ListPrograms.COMPOSITIONAL, g.problems(ListPrograms.COMPOSITIONAL, comp));
    Map<String, Integer> rej = new LinkedHashMap<>();
    g.rejected.forEach((r, n) -> rej.put(r.label(), n));
    return new Result(splits, new TreeSet<>(g.heldOut), rej);
  }

  /**
   * Removes and returns {@code n} candidates of {@code pool} with about {@code shares} of each
   * length, each length's first ones in pool order; what a length lacks goes to the next, and to
   * any length at the end.
   */
  private static List<Candidate> takeByLength(List<Candidate> pool, int n, double[] shares) {
    List<Candidate> out = new ArrayList<>();
    Set<Candidate> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    int carry = 0;
    for (int len = 1; len <= 5; len++) {
      int target = len == 5 ? n - out.size() : (int) Math.round(shares[len - 1] * n) + carry;
      int made = 0;
      for (Candidate c : pool) {
        if (made == target) {
          break;
        }
        if (c.program().steps().size() == len && taken.add(c)) {
          out.add(c);
          made++;
        }
      }
      carry = target - made;
    }
    for (Candidate c : pool) {
      if (out.size() == n) {
        break;
      }
      if (taken.add(c)) {
        out.add(c);
      }
    }
    pool.removeIf(taken::contains);
    return out;
  }

  /** A program with its drawn tests, before it is given a split and an id. */
  private record Candidate(
      Program program, List<Input> inputs, List<Object> outputs, int examples) {}

  /**
   * The held-out pairs: drawn from the pairs of different functions that some non-redundant program
   * of two steps has ({@code reverse>sum} has none: it is {@code sum}).
   */
  private Set<String> chooseHeldOut() {
    Set<String> live = new HashSet<>();
    for (Step a : Step.values()) {
      for (Step b : Step.values()) {
        if (a.fn().givesList() && a.fn() != b.fn()) {
          Program p = new Program(List.of(a, b));
          String fp = fingerprint.of(p);
          if (!fp.equals(fingerprint.identity()) && !redundant(p, fp)) {
            live.add(Program.pair(a.fn(), b.fn()));
          }
        }
      }
    }
    List<String> pairs = new ArrayList<>();
    for (Step.Fn a : Step.Fn.values()) {
      for (Step.Fn b : Step.Fn.values()) {
        if (live.contains(Program.pair(a, b))) {
          pairs.add(Program.pair(a, b));
        }
      }
    }
    shuffle(pairs);
    return new HashSet<>(pairs.subList(0, HELD_OUT_PAIRS));
  }

  private List<Candidate> fill(int total, double[] shares, boolean compositional) {
    List<Candidate> out = new ArrayList<>();
    int carry = 0;
    for (int len = 1; len <= 5; len++) {
      int target =
          len == 5 ? total - out.size() : (int) Math.round(shares[len - 1] * total) + carry;
      int made = 0;
      if (len <= 2) {
        // Few enough to list: every short program gets its chance, in a random order.
        List<Program> all = enumerate(len, compositional);
        shuffle(all);
        for (int i = 0; i < all.size() && made < target; i++) {
          Candidate c = candidate(all.get(i));
          if (c != null) {
            out.add(c);
            made++;
          }
        }
      } else {
        long attempts = 0;
        long maxAttempts = 30L * target + 5_000;
        while (made < target && attempts++ < maxAttempts) {
          Program p = compositional ? compositionalChain(len) : chain(len);
          Candidate c = p == null ? null : candidate(p);
          if (c != null) {
            out.add(c);
            made++;
          }
        }
      }
      carry = target - made;
    }
    // Still short (few long chains for this seed's held-out pairs): more chains of 3–5 steps.
    for (int pass = 0; pass < 3 && out.size() < total; pass++) {
      for (int len = 3; len <= 5 && out.size() < total; len++) {
        long attempts = 30L * (total - out.size()) + 5_000;
        while (out.size() < total && attempts-- > 0) {
          Program p = compositional ? compositionalChain(len) : chain(len);
          Candidate c = p == null ? null : candidate(p);
          if (c != null) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  /** Every program of 1 or 2 steps, with no held-out pair (or, if compositional, only those). */
  private List<Program> enumerate(int len, boolean compositional) {
    List<Program> out = new ArrayList<>();
    for (Step a : Step.values()) {
      if (len == 1) {
        if (!compositional) {
          out.add(new Program(List.of(a)));
        }
        continue;
      }
      for (Step b : Step.values()) {
        if (a.fn().givesList() && heldOut.contains(Program.pair(a.fn(), b.fn())) == compositional) {
          out.add(new Program(List.of(a, b)));
        }
      }
    }
    return out;
  }

  /** A random chain of {@code len} steps with no held-out pair, functions drawn uniformly. */
  private Program chain(int len) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < len; i++) {
      boolean last = i == len - 1;
      Step.Fn prev = i == 0 ? null : steps.getLast().fn();
      List<Step.Fn> allowed = new ArrayList<>();
      for (Step.Fn f : Step.Fn.values()) {
        if ((last || f.givesList()) && (prev == null || !heldOut.contains(Program.pair(prev, f)))) {
          allowed.add(f);
        }
      }
      steps.add(variant(allowed.get(rnd.nextInt(allowed.size()))));
    }
    return new Program(steps);
  }

  /** A random chain of {@code len} steps whose every adjacent pair is held out; null if stuck. */
  private Program compositionalChain(int len) {
    List<Step.Fn> firsts = new ArrayList<>();
    for (Step.Fn f : Step.Fn.values()) {
      if (!successors(f, len == 2).isEmpty()) {
        firsts.add(f);
      }
    }
    List<Step> steps = new ArrayList<>();
    steps.add(variant(firsts.get(rnd.nextInt(firsts.size()))));
    for (int i = 1; i < len; i++) {
      List<Step.Fn> next = successors(steps.getLast().fn(), i == len - 1);
      if (next.isEmpty()) {
        return null;
      }
      steps.add(variant(next.get(rnd.nextInt(next.size()))));
    }
    return new Program(steps);
  }

  private List<Step.Fn> successors(Step.Fn a, boolean last) {
    List<Step.Fn> out = new ArrayList<>();
    for (Step.Fn b : Step.Fn.values()) {
      if (heldOut.contains(Program.pair(a, b)) && (last || b.givesList())) {
        out.add(b);
      }
    }
    return out;
  }

  private Step variant(Step.Fn fn) {
    List<Step> vs = new ArrayList<>();
    for (Step s : Step.values()) {
      if (s.fn() == fn) {
        vs.add(s);
      }
    }
    return vs.get(rnd.nextInt(vs.size()));
  }

  private Candidate candidate(Program p) {
    String fp = fingerprint.of(p);
    if (seen.contains(fp) || redundant(p, fp)) {
      return reject(Rejection.DUPLICATE);
    }
    int examples = MIN_EXAMPLES + rnd.nextInt(MAX_EXAMPLES - MIN_EXAMPLES + 1);
    List<Input> inputs = new ArrayList<>();
    List<Object> outputs = new ArrayList<>();
    Set<Input> distinct = new HashSet<>();
    for (int t = 0; t < examples + HIDDEN; t++) {
      Rejection why = null;
      for (int draw = 0; draw < REDRAWS; draw++) {
        Input in = input(p);
        if (!distinct.add(in)) {
          continue;
        }
        try {
          outputs.add(p.run(in));
          inputs.add(in);
          why = null;
          break;
        } catch (Step.Raises e) {
          why = Rejection.RAISES;
        } catch (Program.OutOfRange e) {
          why = why == null ? Rejection.OUT_OF_RANGE : why;
        }
      }
      if (inputs.size() <= t) {
        return reject(why == null ? Rejection.CONSTANT : why);
      }
    }
    if (new HashSet<>(outputs).size() == 1) {
      return reject(Rejection.CONSTANT);
    }
    seen.add(fp);
    return new Candidate(p, inputs, outputs, examples);
  }

  /**
   * Whether leaving out some consecutive steps gives a program that behaves the same ({@code sort |
   * sort}, {@code reverse | reverse | sum}): such a program is a longer spelling of a shorter one,
   * which may not have been drawn yet.
   */
  private boolean redundant(Program p, String fp) {
    List<Step> steps = p.steps();
    for (int from = 0; from < steps.size(); from++) {
      for (int to = from + 1; to <= steps.size(); to++) {
        if (to - from == steps.size()) {
          continue;
        }
        List<Step> rest = new ArrayList<>(steps.subList(0, from));
        rest.addAll(steps.subList(to, steps.size()));
        if (fingerprint.of(new Program(rest)).equals(fp)) {
          return true;
        }
      }
    }
    return false;
  }

  private Candidate reject(Rejection r) {
    rejected.merge(r, 1, Integer::sum);
    return null;
  }

  private Input input(Program p) {
    List<String> ps = p.params();
    return new Input(
        list(), ps.contains("ys") ? list() : List.of(), ps.contains("n") ? 1 + rnd.nextInt(4) : 0);
  }

  /** A list of 4–7 integers in [-9, 9]: short enough that three examples fit a 256-token prompt. */
  private List<Long> list() {
    int len = 4 + rnd.nextInt(4);
    List<Long> xs = new ArrayList<>(len);
    for (int i = 0; i < len; i++) {
      xs.add((long) (rnd.nextInt(19) - 9));
    }
    return xs;
  }

  private List<Problem> problems(String split, List<Candidate> cs) {
    List<Problem> out = new ArrayList<>();
    for (int i = 0; i < cs.size(); i++) {
      Candidate c = cs.get(i);
      Program p = c.program();
      List<String> asserts = new ArrayList<>();
      for (int t = 0; t < c.inputs().size(); t++) {
        asserts.add(p.assertion(c.inputs().get(t), c.outputs().get(t)));
      }
      int frame = rnd.nextInt(Statement.FRAMES);
      List<Integer> phrasings = new ArrayList<>();
      for (Step s : p.steps()) {
        phrasings.add(rnd.nextInt(s.phrasings().size()));
      }
      List<String> examples = asserts.subList(0, c.examples());
      out.add(
          new Problem(
              ListPrograms.problemId(split, i),
              split,
              p,
              frame,
              phrasings,
              Statement.of(p, frame, phrasings, examples),
              examples,
              asserts.subList(c.examples(), asserts.size()),
              c.inputs(),
              c.outputs()));
    }
    return out;
  }

  private <T> void shuffle(List<T> xs) {
    // Fisher–Yates written out: the draws are part of the benchmark's definition.
    for (int i = xs.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      T t = xs.get(i);
      xs.set(i, xs.get(j));
      xs.set(j, t);
    }
  }
}
