package dev.coderl4j.evalplus;

import dev.coderl4j.core.problem.Problem;

/**
 * Deliberately weakened solutions, to show what plus inputs catch that base inputs miss: a program
 * that answers the base inputs as the canonical solution does and returns {@code None} on anything
 * else (a solution "fitted to the visible tests").
 */
public final class Weakened {
  private Weakened() {}

  /** Whether {@code problem} is an EvalPlus task this class can weaken. */
  public static boolean applies(Problem problem) {
    return problem.metadata().containsKey(EvalPlusBenchmark.BASE_INPUTS);
  }

  /**
   * The canonical solution, reduced to a table of its answers on the base inputs (computed when the
   * program loads, before the entry point is replaced, so recursion still works).
   */
  public static String baseOnly(Problem problem) {
    String entry = problem.metadata().get(EvalPlusBenchmark.ENTRY_POINT);
    String inputs = problem.metadata().get(EvalPlusBenchmark.BASE_INPUTS);
    if (entry == null || inputs == null) {
      throw new IllegalArgumentException(problem.id() + " is not an EvalPlus task");
    }
    return problem.solutions().getFirst()
        + "\n\n"
        + "import copy as _w_copy\n"
        + "_w_inputs = (lambda "
        + EvalPlusBenchmark.LITERAL_NAMES
        + ": "
        + inputs
        + ")(\n"
        + "    float('inf'), float('nan'), lambda s: int(s, 16), complex, set, frozenset, None)\n"
        + "_w_answers = [(_w_i, "
        + entry
        + "(*_w_copy.deepcopy(_w_i))) for _w_i in _w_inputs]\n"
        + "def "
        + entry
        + "(*args):\n"
        + "    for _w_i, _w_out in _w_answers:\n"
        + "        if list(args) == list(_w_i):\n"
        + "            return _w_out\n"
        + "    return None\n";
  }
}
