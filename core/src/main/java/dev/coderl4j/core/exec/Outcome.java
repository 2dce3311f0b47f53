package dev.coderl4j.core.exec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * What happened when a program ran against its unit tests: the four classes of the paper.
 *
 * <p>CodeRL (§3.3, Eq. 4–7) rewards a program by this outcome alone. It is a closed set, so callers
 * switch over it exhaustively instead of comparing magic codes (CodeRL's {@code datasets/utils.py}
 * uses -2..1). Its JSON form is {@link OutcomeCodec}'s.
 */
@JsonSerialize(using = OutcomeCodec.OutcomeSerializer.class)
@JsonDeserialize(using = OutcomeCodec.OutcomeDeserializer.class)
public sealed interface Outcome
    permits Outcome.CompileError, Outcome.RuntimeError, Outcome.FailedTest, Outcome.Passed {

  /**
   * The wire name: {@code COMPILE_ERROR}, {@code RUNTIME_ERROR}, {@code FAILED_TEST}, {@code
   * PASSED}.
   */
  String label();

  /** The program does not parse or compile (Eq. 4). */
  record CompileError(String message) implements Outcome {
    public static final String LABEL = "COMPILE_ERROR";

    @Override
    public String label() {
      return LABEL;
    }
  }

  /**
   * The program raised, timed out or exceeded a limit, while loading or in the first test that did
   * not pass (Eq. 5).
   *
   * @param errorType the Python exception's type name, or {@code Timeout}, {@code MemoryError}...
   * @param testIndex the test that decided it; -1 while loading the program
   */
  record RuntimeError(String errorType, int testIndex) implements Outcome {
    public static final String LABEL = "RUNTIME_ERROR";

    @Override
    public String label() {
      return LABEL;
    }
  }

  /** The program ran but the test at {@code testIndex} got a wrong answer (Eq. 6). */
  record FailedTest(int testIndex) implements Outcome {
    public static final String LABEL = "FAILED_TEST";

    @Override
    public String label() {
      return LABEL;
    }
  }

  /** Every test passed (Eq. 7). */
  record Passed() implements Outcome {
    public static final String LABEL = "PASSED";

    @Override
    public String label() {
      return LABEL;
    }
  }
}
