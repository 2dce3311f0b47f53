package dev.coderl4j.list;

import java.util.ArrayList;
import java.util.List;

/**
 * The English statement of a list program, made from templates: one of two opening frames, then one
 * of the (at least two) phrasings of each step, then the example tests as asserts.
 */
final class Statement {
  /** How many opening frames there are. */
  static final int FRAMES = 2;

  private Statement() {}

  /**
   * The statement of {@code program}.
   *
   * @param frame which opening ({@code 0 <= frame < FRAMES})
   * @param phrasings for each step, the index of its phrasing
   * @param examples the example asserts shown after the text, as APPS shows its examples
   */
  static String of(Program program, int frame, List<Integer> phrasings, List<String> examples) {
    String sig = Program.FN_NAME + "(" + String.join(", ", program.params()) + ")";
    String opening =
        switch (frame) {
          case 0 -> "Write a function " + sig + " that takes ";
          case 1 -> "Define " + sig + ", which receives ";
          default -> throw new IllegalArgumentException("frame must be 0 or 1, got " + frame);
        };
    List<String> ps = program.params();
    String args =
        (ps.contains("ys") ? "two lists of integers xs and ys" : "a list of integers xs")
            + (ps.contains("n") ? " and an integer n" : "");
    List<String> phrases = new ArrayList<>();
    List<Step> steps = program.steps();
    for (int i = 0; i < steps.size(); i++) {
      String p = steps.get(i).phrasings().get(phrasings.get(i));
      if (steps.get(i).usesYs() && steps.subList(0, i).stream().noneMatch(Step::usesYs)) {
        p += " (stopping at the end of the shorter list)";
      }
      phrases.add(p);
    }
    StringBuilder sb = new StringBuilder(opening).append(args);
    if (program.givesInt()) {
      if (phrases.size() == 1) {
        sb.append(" and ").append(phrases.getFirst());
      } else {
        sb.append(", ")
            .append(String.join(", then ", phrases.subList(0, phrases.size() - 1)))
            .append(", and ")
            .append(phrases.getLast());
      }
    } else {
      sb.append(", ")
          .append(String.join(", then ", phrases))
          .append(", and returns the resulting list");
    }
    sb.append(".").append(ListProgramsFormat.EXAMPLES).append(String.join("\n", examples));
    return sb.toString();
  }
}
