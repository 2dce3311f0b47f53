package dev.coderl4j.apps;

import java.util.Optional;

/** APPS problem ids and the difficulty implied by a test-split id. */
public final class AppsIds {
  private AppsIds() {}

  /** The 4-digit folder name of APPS problem {@code n}, e.g. {@code 0001}. */
  public static String pad(int n) {
    return String.format(java.util.Locale.ROOT, "%04d", n);
  }

  /** The problem id of problem {@code n} of {@code split}, e.g. {@code apps/test/0203}. */
  public static String problemId(String split, int n) {
    return "apps/" + split + "/" + pad(n);
  }

  /**
   * The difficulty of an APPS test-split id: 0–2999 interview, 3000–3999 competition, 4000–4999
   * introductory (consistent with the HF copy's labels).
   */
  public static Optional<String> testSplitDifficulty(int n) {
    if (n < 0 || n > 4999) {
      return Optional.empty();
    }
    return Optional.of(n < 3000 ? "interview" : n < 4000 ? "competition" : "introductory");
  }

  /** The difficulties APPS uses, in the paper's table order. */
  public static final java.util.List<String> DIFFICULTIES =
      java.util.List.of("introductory", "interview", "competition");
}
