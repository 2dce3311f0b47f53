package dev.coderl4j.core.exec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Objects;

/**
 * The result of one unit test: passed, wrong answer, or an error named by its exception type.
 *
 * <p>On the wire (the {@code coderl exec} output) these are {@code true}, {@code false} and the
 * exception's type name, as in APPS' evaluation scripts ({@link OutcomeCodec}).
 */
@JsonSerialize(using = OutcomeCodec.TestSerializer.class)
@JsonDeserialize(using = OutcomeCodec.TestDeserializer.class)
public sealed interface TestResult permits TestResult.Pass, TestResult.Fail, TestResult.Error {

  /** Shared instance for a passed test. */
  TestResult PASS = new Pass();

  /** Shared instance for a wrong answer. */
  TestResult FAIL = new Fail();

  /** The test passed. */
  record Pass() implements TestResult {}

  /** The program answered, wrongly (or an {@code assert} failed). */
  record Fail() implements TestResult {}

  /**
   * The program raised or hit a limit during this test.
   *
   * @param type the Python exception type ({@code ZeroDivisionError}) or a limit ({@code Timeout})
   */
  record Error(String type) implements TestResult {
    public Error {
      Objects.requireNonNull(type, "type");
    }
  }
}
