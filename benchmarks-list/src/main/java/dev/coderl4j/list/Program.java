package dev.coderl4j.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A list program: a chain of 1–5 {@link Step}s, each applied to the result of the one before; only
 * the last may give an integer. Its inputs are the list {@code xs}, and {@code ys} and {@code n}
 * when a step reads them.
 *
 * @param steps the steps, first applied first
 */
public record Program(List<Step> steps) {
  /** The name of the function every reference defines and every test calls. */
  public static final String FN_NAME = "solve";

  /** The largest |value| a test may see anywhere in a run, so that examples stay readable. */
  public static final long MAX_ABS = 100_000;

  public Program {
    steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    if (steps.isEmpty() || steps.size() > 5) {
      throw new IllegalArgumentException("a list program has 1 to 5 steps, got " + steps.size());
    }
    for (int i = 0; i < steps.size() - 1; i++) {
      if (!steps.get(i).fn().givesList()) {
        throw new IllegalArgumentException(
            "only the last step may give an integer: "
                + steps.get(i).label()
                + " is step "
                + (i + 1)
                + " of "
                + steps.stream().map(Step::label).toList());
      }
    }
  }

  /** A value outside {@link #MAX_ABS} (or a {@code long}) appeared. */
  public static final class OutOfRange extends Exception {
    private static final long serialVersionUID = 1L;

    OutOfRange() {
      super("value out of range", null, false, false);
    }
  }

  /** The step labels, e.g. {@code [map(*2), filter(even), sum]}. */
  public List<String> labels() {
    return steps.stream().map(Step::label).toList();
  }

  /** The parameters of {@code solve}, in order: {@code xs}, then {@code ys}, then {@code n}. */
  public List<String> params() {
    List<String> ps = new ArrayList<>(List.of("xs"));
    if (steps.stream().anyMatch(Step::usesYs)) {
      ps.add("ys");
    }
    if (steps.stream().anyMatch(Step::usesN)) {
      ps.add("n");
    }
    return List.copyOf(ps);
  }

  /** Whether the program returns an integer (rather than a list). */
  public boolean givesInt() {
    return !steps.getLast().fn().givesList();
  }

  /** The adjacent pairs of DSL functions, e.g. {@code map>filter}. */
  public List<String> functionPairs() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i + 1 < steps.size(); i++) {
      out.add(pair(steps.get(i).fn(), steps.get(i + 1).fn()));
    }
    return out;
  }

  /** How a pair of functions is written in the manifest and the metadata. */
  public static String pair(Step.Fn a, Step.Fn b) {
    return a.label() + ">" + b.label();
  }

  /**
   * APPS' difficulty for a program of this length: 1–2 steps introductory, 3 interview, 4–5
   * competition.
   */
  public String difficulty() {
    return switch (steps.size()) {
      case 1, 2 -> "introductory";
      case 3 -> "interview";
      default -> "competition";
    };
  }

  /**
   * Runs the program as CPython runs its reference.
   *
   * @return a {@code Long} or a {@code List<Long>}
   * @throws Step.Raises where the reference raises
   * @throws OutOfRange where a value leaves {@code ±MAX_ABS}
   */
  public Object run(Input in) throws Step.Raises, OutOfRange {
    Object v = in.xs();
    check(v);
    for (Step s : steps) {
      try {
        v = s.apply(asList(v), in.ys(), in.n());
      } catch (ArithmeticException e) {
        throw new OutOfRange();
      }
      check(v);
    }
    return v;
  }

  /**
   * Runs the program without the {@link #MAX_ABS} bound (for fingerprints).
   *
   * @throws ArithmeticException when a value leaves the range of a {@code long}
   */
  Object runUnbounded(Input in) throws Step.Raises {
    Object v = in.xs();
    for (Step s : steps) {
      v = s.apply(asList(v), in.ys(), in.n());
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static List<Long> asList(Object v) {
    return (List<Long>) v;
  }

  private static void check(Object v) throws OutOfRange {
    if (v instanceof Long x) {
      if (Math.abs(x) > MAX_ABS) {
        throw new OutOfRange();
      }
    } else {
      for (Object o : (List<?>) v) {
        if (Math.abs((Long) o) > MAX_ABS) {
          throw new OutOfRange();
        }
      }
    }
  }

  /** The reference in idiomatic Python: one statement per step, the last one returned. */
  public String python() {
    StringBuilder sb = new StringBuilder();
    if (steps.stream().anyMatch(Step::usesAccumulate)) {
      sb.append("from itertools import accumulate\n\n\n");
    }
    sb.append("def ")
        .append(FN_NAME)
        .append("(")
        .append(String.join(", ", params()))
        .append("):\n");
    for (int i = 0; i < steps.size(); i++) {
      boolean last = i == steps.size() - 1;
      sb.append(last ? "    return " : "    xs = ").append(steps.get(i).python()).append("\n");
    }
    return sb.toString();
  }

  /** The test {@code assert solve(...) == expected} for {@code in}. */
  public String assertion(Input in, Object expected) {
    return "assert " + call(in) + " == " + literal(expected);
  }

  /** The call {@code solve(...)} with the inputs this program reads. */
  public String call(Input in) {
    List<String> args = new ArrayList<>();
    args.add(literal(in.xs()));
    List<String> ps = params();
    if (ps.contains("ys")) {
      args.add(literal(in.ys()));
    }
    if (ps.contains("n")) {
      args.add(Long.toString(in.n()));
    }
    return FN_NAME + "(" + String.join(", ", args) + ")";
  }

  /** A value as a Python literal: {@code 3} or {@code [1, -2]}. */
  public static String literal(Object v) {
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(v);
  }

  /** The program written as its step labels joined by {@code " | "}. */
  @Override
  public String toString() {
    return String.join(" | ", labels());
  }

  /** The program whose labels are {@code labels}. */
  public static Program of(List<String> labels) {
    return new Program(labels.stream().map(Step::labelled).toList());
  }
}
