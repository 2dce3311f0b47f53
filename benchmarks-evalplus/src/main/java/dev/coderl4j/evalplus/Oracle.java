package dev.coderl4j.evalplus;

/**
 * How a candidate's output is checked against the expected one: EvalPlus' comparison and its
 * special oracles ({@code evalplus/eval/__init__.py}, {@code _special_oracle.py}), each carried out
 * by {@code evalplus_check.py} under the name given here.
 */
enum Oracle {
  /** {@code out == exp}, or within {@code atol} for floats (1e-6 when the task's is 0). */
  EXACT("exact"),
  /** {@code set(out) == set(exp)}: outputs built from sets (Mbpp/2, 7, 111, 140, 232, 579, 769). */
  SET("set"),
  /** Only whether the output is {@code None} (Mbpp/737, 787, 794: regex match objects). */
  NOT_NONE("not-none"),
  /**
   * HumanEval/32 {@code find_zero}: {@code |poly(xs, out)| <= atol}; the expected value is unused.
   */
  FIND_ZERO("find-zero"),
  /** Mbpp/581 {@code surface_Area}: also accepts the area with the height read as perpendicular. */
  SURFACE_AREA("surface-area"),
  /** Mbpp/558 {@code digit_distance_nums}: also accepts the zero-padded digit distance. */
  DIGIT_DISTANCE("digit-distance"),
  /** Mbpp/164 {@code are_equivalent} (MBPP+ v0.1.0 only): always passes, as in EvalPlus. */
  ALWAYS("always"),
  /** Mbpp/295 {@code sum_div} (MBPP+ v0.1.0 only): also accepts 0. */
  OR_ZERO("or-zero");

  private final String pythonName;

  Oracle(String pythonName) {
    this.pythonName = pythonName;
  }

  /** The name {@code evalplus_check.py} knows it by. */
  String pythonName() {
    return pythonName;
  }
}
