package dev.coderl4j.list;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One step of a list program: a function of DeepCoder's DSL (Balog et al., ICLR 2017, App. F) with
 * its lambda, predicate or operator fixed, so the set of steps is closed (38 of them).
 *
 * <p>A step takes the current list (and, for {@code zipwith}, the second input list {@code ys}; for
 * {@code take}, {@code drop} and {@code access}, the input integer {@code n}) and gives a list or
 * an integer; an integer ends the program. Each step knows its Python expression, how it reads in
 * English (at least two phrasings, so the actor has to read language rather than look up a code)
 * and how to evaluate itself exactly as CPython does ({@code //} and {@code %} floor, {@code zip}
 * stops at the shorter list, indexing an empty list raises).
 */
public enum Step {
  HEAD(
      Fn.HEAD,
      "head",
      "xs[0]",
      "returns the first element",
      "returns the number at the front of the list"),
  LAST(
      Fn.LAST,
      "last",
      "xs[-1]",
      "returns the last element",
      "returns the number at the end of the list"),
  TAKE(
      Fn.TAKE,
      "take",
      "xs[:n]",
      "keeps the first n elements",
      "cuts the list down to its first n numbers"),
  DROP(
      Fn.DROP,
      "drop",
      "xs[n:]",
      "drops the first n elements",
      "removes the first n numbers from the list"),
  ACCESS(
      Fn.ACCESS,
      "access",
      "xs[n]",
      "returns the element at index n (the first element has index 0)",
      "returns the number at position n, counting positions from 0"),
  MINIMUM(
      Fn.MINIMUM,
      "minimum",
      "min(xs)",
      "returns the smallest element",
      "returns the minimum of the numbers"),
  MAXIMUM(
      Fn.MAXIMUM,
      "maximum",
      "max(xs)",
      "returns the largest element",
      "returns the maximum of the numbers"),
  REVERSE(
      Fn.REVERSE, "reverse", "xs[::-1]", "reverses the list", "puts the numbers in reverse order"),
  SORT(
      Fn.SORT,
      "sort",
      "sorted(xs)",
      "sorts the list in ascending order",
      "arranges the numbers from smallest to largest"),
  SUM(
      Fn.SUM,
      "sum",
      "sum(xs)",
      "returns the sum of the elements",
      "returns the total of all the numbers"),

  MAP_INC(
      Fn.MAP,
      "map(+1)",
      "[x + 1 for x in xs]",
      "adds 1 to every element",
      "increases each number by one"),
  MAP_DEC(
      Fn.MAP,
      "map(-1)",
      "[x - 1 for x in xs]",
      "subtracts 1 from every element",
      "decreases each number by one"),
  MAP_DOUBLE(
      Fn.MAP,
      "map(*2)",
      "[x * 2 for x in xs]",
      "doubles every element",
      "multiplies each number by 2"),
  MAP_HALF(
      Fn.MAP,
      "map(/2)",
      "[x // 2 for x in xs]",
      "halves every element, rounding down",
      "replaces each number x by x // 2 (division rounded down)"),
  MAP_NEGATE(
      Fn.MAP,
      "map(*-1)",
      "[-x for x in xs]",
      "negates every element",
      "changes the sign of each number"),
  MAP_SQUARE(
      Fn.MAP,
      "map(**2)",
      "[x ** 2 for x in xs]",
      "squares every element",
      "replaces each number by its square"),
  MAP_TRIPLE(
      Fn.MAP,
      "map(*3)",
      "[x * 3 for x in xs]",
      "triples every element",
      "multiplies each number by 3"),
  MAP_THIRD(
      Fn.MAP,
      "map(/3)",
      "[x // 3 for x in xs]",
      "divides every element by 3, rounding down",
      "replaces each number x by x // 3 (division rounded down)"),
  MAP_QUADRUPLE(
      Fn.MAP,
      "map(*4)",
      "[x * 4 for x in xs]",
      "multiplies every element by 4",
      "replaces each number by four times its value"),
  MAP_QUARTER(
      Fn.MAP,
      "map(/4)",
      "[x // 4 for x in xs]",
      "divides every element by 4, rounding down",
      "replaces each number x by x // 4 (division rounded down)"),

  FILTER_POSITIVE(
      Fn.FILTER,
      "filter(>0)",
      "[x for x in xs if x > 0]",
      "keeps only the positive numbers",
      "removes every number that is zero or negative"),
  FILTER_NEGATIVE(
      Fn.FILTER,
      "filter(<0)",
      "[x for x in xs if x < 0]",
      "keeps only the negative numbers",
      "removes every number that is zero or positive"),
  FILTER_EVEN(
      Fn.FILTER,
      "filter(even)",
      "[x for x in xs if x % 2 == 0]",
      "keeps only the even numbers",
      "removes the odd numbers"),
  FILTER_ODD(
      Fn.FILTER,
      "filter(odd)",
      "[x for x in xs if x % 2 == 1]",
      "keeps only the odd numbers",
      "removes the even numbers"),

  COUNT_POSITIVE(
      Fn.COUNT,
      "count(>0)",
      "len([x for x in xs if x > 0])",
      "returns how many numbers are positive",
      "counts the numbers greater than zero and returns that count"),
  COUNT_NEGATIVE(
      Fn.COUNT,
      "count(<0)",
      "len([x for x in xs if x < 0])",
      "returns how many numbers are negative",
      "counts the numbers less than zero and returns that count"),
  COUNT_EVEN(
      Fn.COUNT,
      "count(even)",
      "len([x for x in xs if x % 2 == 0])",
      "returns how many numbers are even",
      "counts the even numbers and returns that count"),
  COUNT_ODD(
      Fn.COUNT,
      "count(odd)",
      "len([x for x in xs if x % 2 == 1])",
      "returns how many numbers are odd",
      "counts the odd numbers and returns that count"),

  ZIPWITH_ADD(
      Fn.ZIPWITH,
      "zipwith(+)",
      "[a + b for a, b in zip(xs, ys)]",
      "adds to each element the element of ys at the same position",
      "combines the list with ys position by position, taking the sum of each pair"),
  ZIPWITH_SUB(
      Fn.ZIPWITH,
      "zipwith(-)",
      "[a - b for a, b in zip(xs, ys)]",
      "subtracts from each element the element of ys at the same position",
      "combines the list with ys position by position, taking the list's number minus the"
          + " number of ys"),
  ZIPWITH_MUL(
      Fn.ZIPWITH,
      "zipwith(*)",
      "[a * b for a, b in zip(xs, ys)]",
      "multiplies each element by the element of ys at the same position",
      "combines the list with ys position by position, taking the product of each pair"),
  ZIPWITH_MIN(
      Fn.ZIPWITH,
      "zipwith(min)",
      "[min(a, b) for a, b in zip(xs, ys)]",
      "takes the smaller of each element and the element of ys at the same position",
      "combines the list with ys position by position, taking the minimum of each pair"),
  ZIPWITH_MAX(
      Fn.ZIPWITH,
      "zipwith(max)",
      "[max(a, b) for a, b in zip(xs, ys)]",
      "takes the larger of each element and the element of ys at the same position",
      "combines the list with ys position by position, taking the maximum of each pair"),

  SCANL1_ADD(
      Fn.SCANL1,
      "scanl1(+)",
      "list(accumulate(xs))",
      "replaces each element by the sum of all elements up to and including it",
      "computes the running sums of the list"),
  SCANL1_SUB(
      Fn.SCANL1,
      "scanl1(-)",
      "list(accumulate(xs, lambda a, b: a - b))",
      "keeps the first element and replaces each later one by the previous result minus it",
      "computes running differences: each result after the first is the previous result minus"
          + " the next number"),
  SCANL1_MUL(
      Fn.SCANL1,
      "scanl1(*)",
      "list(accumulate(xs, lambda a, b: a * b))",
      "replaces each element by the product of all elements up to and including it",
      "computes the running products of the list"),
  SCANL1_MIN(
      Fn.SCANL1,
      "scanl1(min)",
      "list(accumulate(xs, min))",
      "replaces each element by the smallest element seen so far",
      "computes the running minimum of the list"),
  SCANL1_MAX(
      Fn.SCANL1,
      "scanl1(max)",
      "list(accumulate(xs, max))",
      "replaces each element by the largest element seen so far",
      "computes the running maximum of the list");

  /** DeepCoder's functions; adjacent pairs of these are what the compositional split holds out. */
  public enum Fn {
    HEAD,
    LAST,
    TAKE,
    DROP,
    ACCESS,
    MINIMUM,
    MAXIMUM,
    REVERSE,
    SORT,
    SUM,
    MAP,
    FILTER,
    COUNT,
    ZIPWITH,
    SCANL1;

    /** Whether the function gives a list (so that another step can follow). */
    public boolean givesList() {
      return switch (this) {
        case TAKE, DROP, REVERSE, SORT, MAP, FILTER, ZIPWITH, SCANL1 -> true;
        case HEAD, LAST, ACCESS, MINIMUM, MAXIMUM, SUM, COUNT -> false;
      };
    }

    /** The lower-case name used in files and messages. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A step that Python (and so this evaluator) refuses: indexing or {@code min} of too short a
   * list.
   */
  public static final class Raises extends Exception {
    private static final long serialVersionUID = 1L;

    Raises(String pythonError) {
      super(pythonError, null, false, false);
    }
  }

  private final Fn fn;
  private final String label;
  private final String python;
  private final List<String> phrasings;

  Step(Fn fn, String label, String python, String... phrasings) {
    this.fn = fn;
    this.label = label;
    this.python = python;
    this.phrasings = List.of(phrasings);
  }

  /** The DSL function. */
  public Fn fn() {
    return fn;
  }

  /** A short name such as {@code map(*2)}, as written in the data files. */
  public String label() {
    return label;
  }

  /** The step named {@code label}. */
  public static Step labelled(String label) {
    for (Step s : values()) {
      if (s.label.equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("Unknown list-programs step '" + label + "'");
  }

  /** The Python expression of the step on the current list {@code xs}. */
  public String python() {
    return python;
  }

  /** The English phrasings of the step (third person, the list being the current value). */
  public List<String> phrasings() {
    return phrasings;
  }

  /** Whether the step reads the input integer {@code n}. */
  public boolean usesN() {
    return fn == Fn.TAKE || fn == Fn.DROP || fn == Fn.ACCESS;
  }

  /** Whether the step reads the second input list {@code ys}. */
  public boolean usesYs() {
    return fn == Fn.ZIPWITH;
  }

  /** Whether the Python expression needs {@code itertools.accumulate}. */
  public boolean usesAccumulate() {
    return fn == Fn.SCANL1;
  }

  /**
   * Applies the step as CPython would.
   *
   * @return a {@code List<Long>} or a {@code Long}
   * @throws Raises where Python raises ({@code IndexError}, {@code ValueError})
   * @throws ArithmeticException when a value leaves the range of a {@code long}
   */
  public Object apply(List<Long> xs, List<Long> ys, long n) throws Raises {
    return switch (this) {
      case HEAD -> at(xs, 0);
      case LAST -> at(xs, xs.size() - 1);
      case TAKE -> List.copyOf(xs.subList(0, (int) Math.min(n, xs.size())));
      case DROP -> List.copyOf(xs.subList((int) Math.min(n, xs.size()), xs.size()));
      case ACCESS -> at(xs, n);
      case MINIMUM -> xs.stream().min(Long::compare).orElseThrow(() -> new Raises("ValueError"));
      case MAXIMUM -> xs.stream().max(Long::compare).orElseThrow(() -> new Raises("ValueError"));
      case REVERSE -> List.copyOf(xs.reversed());
      case SORT -> xs.stream().sorted().toList();
      case SUM -> xs.stream().reduce(0L, Math::addExact);
      case MAP_INC -> map(xs, x -> Math.addExact(x, 1));
      case MAP_DEC -> map(xs, x -> Math.subtractExact(x, 1));
      case MAP_DOUBLE -> map(xs, x -> Math.multiplyExact(x, 2));
      case MAP_HALF -> map(xs, x -> Math.floorDiv(x, 2));
      case MAP_NEGATE -> map(xs, Math::negateExact);
      case MAP_SQUARE -> map(xs, x -> Math.multiplyExact(x, x));
      case MAP_TRIPLE -> map(xs, x -> Math.multiplyExact(x, 3));
      case MAP_THIRD -> map(xs, x -> Math.floorDiv(x, 3));
      case MAP_QUADRUPLE -> map(xs, x -> Math.multiplyExact(x, 4));
      case MAP_QUARTER -> map(xs, x -> Math.floorDiv(x, 4));
      case FILTER_POSITIVE -> xs.stream().filter(x -> x > 0).toList();
      case FILTER_NEGATIVE -> xs.stream().filter(x -> x < 0).toList();
      case FILTER_EVEN -> xs.stream().filter(x -> Math.floorMod(x, 2) == 0).toList();
      case FILTER_ODD -> xs.stream().filter(x -> Math.floorMod(x, 2) == 1).toList();
      case COUNT_POSITIVE -> xs.stream().filter(x -> x > 0).count();
      case COUNT_NEGATIVE -> xs.stream().filter(x -> x < 0).count();
      case COUNT_EVEN -> xs.stream().filter(x -> Math.floorMod(x, 2) == 0).count();
      case COUNT_ODD -> xs.stream().filter(x -> Math.floorMod(x, 2) == 1).count();
      case ZIPWITH_ADD -> zip(xs, ys, Math::addExact);
      case ZIPWITH_SUB -> zip(xs, ys, Math::subtractExact);
      case ZIPWITH_MUL -> zip(xs, ys, Math::multiplyExact);
      case ZIPWITH_MIN -> zip(xs, ys, Math::min);
      case ZIPWITH_MAX -> zip(xs, ys, Math::max);
      case SCANL1_ADD -> scan(xs, Math::addExact);
      case SCANL1_SUB -> scan(xs, Math::subtractExact);
      case SCANL1_MUL -> scan(xs, Math::multiplyExact);
      case SCANL1_MIN -> scan(xs, Math::min);
      case SCANL1_MAX -> scan(xs, Math::max);
    };
  }

  private static Long at(List<Long> xs, long i) throws Raises {
    if (i < 0 || i >= xs.size()) {
      throw new Raises("IndexError");
    }
    return xs.get((int) i);
  }

  private static List<Long> map(List<Long> xs, java.util.function.LongUnaryOperator f) {
    List<Long> out = new ArrayList<>(xs.size());
    for (long x : xs) {
      out.add(f.applyAsLong(x));
    }
    return List.copyOf(out);
  }

  private static List<Long> zip(
      List<Long> xs, List<Long> ys, java.util.function.LongBinaryOperator f) {
    int k = Math.min(xs.size(), ys.size());
    List<Long> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      out.add(f.applyAsLong(xs.get(i), ys.get(i)));
    }
    return List.copyOf(out);
  }

  private static List<Long> scan(List<Long> xs, java.util.function.LongBinaryOperator f) {
    List<Long> out = new ArrayList<>(xs.size());
    for (long x : xs) {
      out.add(out.isEmpty() ? x : f.applyAsLong(out.getLast(), x));
    }
    return List.copyOf(out);
  }
}
