package dev.coderl4j.core.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.coderl4j.core.problem.Problem;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What every {@link PromptFormat} plugin guarantees; a plugin's test implements this interface and
 * supplies the format and problems it formats.
 */
public interface PromptFormatContract {

  /** The format under test. */
  PromptFormat format();

  /** Problems of the benchmark the format is for. */
  List<Problem> formattedProblems();

  @Provide
  default Arbitrary<Problem> problemsToFormat() {
    return Arbitraries.of(formattedProblems());
  }

  @Provide
  default Arbitrary<String> completions() {
    return Arbitraries.strings().withChars("abc xyz()=:\n\t#'\"").ofMaxLength(60);
  }

  @Property(tries = 100)
  default void promptIsNotBlankAndDeterministic(@ForAll("problemsToFormat") Problem p) {
    assertFalse(format().prompt(p).isBlank());
    assertEquals(format().prompt(p), format().prompt(p));
  }

  /** Whatever follows a stop sequence does not change the program. */
  @Property(tries = 200)
  default void textAfterAStopSequenceIsIgnored(
      @ForAll("problemsToFormat") Problem p,
      @ForAll("completions") String completion,
      @ForAll("completions") String junk) {
    List<String> stops = format().stopSequences();
    String head = Completions.cutAtStops(completion, stops);
    for (String stop : stops) {
      assertEquals(format().program(p, head), format().program(p, head + stop + junk));
    }
  }

  /** A program in a Markdown code fence is the same program. */
  @Property(tries = 100)
  default void codeFencesAreUnwrapped(@ForAll("problemsToFormat") Problem p) {
    String code = "def f(x):\n    return x\n";
    assertEquals(
        format().program(p, code),
        format().program(p, "Here you go:\n```python\n" + code + "```\nDone."));
  }
}
