package dev.coderl4j.polyglot;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic mutants of a correct Python program, one per outcome class: the programs the
 * agreement tests and {@code coderl bench exec} check both backends with.
 *
 * <p>Each mutation is textual and small, so the mutant stays close to real generated code: a syntax
 * error appended, a {@code 1/0} in the first {@code return}, the first {@code return} returning
 * {@code None}, or an endless loop at the start of the first function.
 */
public final class Mutants {
  private static final Pattern RETURN = Pattern.compile("(?m)^([ \\t]+)return\\b");
  private static final Pattern DEF =
      Pattern.compile("(?m)^([ \\t]*)def [^\\n]*:[ \\t]*\\r?\\n([ \\t]+)");

  /** The kinds of mutant. */
  public enum Kind {
    /** Appends a line that does not parse: COMPILE_ERROR. */
    SYNTAX,
    /** Raises ZeroDivisionError in the first return: RUNTIME_ERROR (when the return runs). */
    EXCEPTION,
    /** Returns None from the first return: usually FAILED_TEST. */
    WRONG_ANSWER,
    /** Loops forever at the start of the first function: a timeout (when it is called). */
    LOOP
  }

  private Mutants() {}

  /** The mutant of {@code program}, or empty when the program has no place for this mutation. */
  public static Optional<String> mutate(String program, Kind kind) {
    return switch (kind) {
      case SYNTAX -> Optional.of(program + "\ndef broken(:\n    pass\n");
      case EXCEPTION -> replaceFirst(program, RETURN, m -> m.group(1) + "return 1/0 +");
      case WRONG_ANSWER -> {
        Matcher m = RETURN.matcher(program);
        if (!m.find()) {
          yield Optional.empty();
        }
        int end = program.indexOf('\n', m.end());
        String rest = end < 0 ? "" : program.substring(end);
        // The rest of the line (and any continuation) becomes dead code after "return None".
        yield Optional.of(
            program.substring(0, m.start())
                + m.group(1)
                + "return None\n"
                + m.group(1)
                + "pass"
                + rest);
      }
      case LOOP -> {
        Matcher m = DEF.matcher(program);
        if (!m.find()) {
          yield Optional.empty();
        }
        String indent = m.group(2);
        yield Optional.of(
            program.substring(0, m.end() - indent.length())
                + indent
                + "while True:\n"
                + indent
                + "    pass\n"
                + program.substring(m.end() - indent.length()));
      }
    };
  }

  private static Optional<String> replaceFirst(
      String program, Pattern p, java.util.function.Function<Matcher, String> with) {
    Matcher m = p.matcher(program);
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(
        program.substring(0, m.start()) + with.apply(m) + program.substring(m.end()));
  }
}
