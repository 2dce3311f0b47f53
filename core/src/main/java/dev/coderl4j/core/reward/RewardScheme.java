package dev.coderl4j.core.reward;

import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.TestResult;
import java.util.List;

/**
 * The return {@code r(W^s)} of a finished program, computed from what its unit tests did.
 *
 * <p>CodeRL (§3.3, Eq. 4–7) rewards a sample by its outcome class alone (−1.0, −0.6, −0.3, +1.0);
 * other schemes (binary pass/fail, the fraction of tests passed) are plugins of the same point so
 * that ablations change one config line. Every scheme satisfies {@code RewardSchemeContract}: the
 * reward lies in {@code [min(), max()]}, a program that passes everything gets {@code max()} and
 * strictly more than any program that does not, and the reward is a pure function of its inputs.
 * Implementations are immutable and thread-safe.
 */
public interface RewardScheme {

  /**
   * The reward of a program.
   *
   * @param outcome the class of the whole run (Eq. 4–7)
   * @param tests the per-test results that were reported, in order (may stop at the first test that
   *     did not pass, see {@link dev.coderl4j.core.exec.ExecutionJob#stopAtFirstFailure()})
   * @param suiteSize the number of tests in the suite the program ran against, at least {@code
   *     tests.size()}
   */
  double reward(Outcome outcome, List<TestResult> tests, int suiteSize);

  /** The smallest reward this scheme gives. */
  double min();

  /** The largest reward this scheme gives: that of a program passing every test. */
  double max();

  /** Shorthand for {@code reward(result.outcome(), result.tests(), suiteSize)}. */
  default double reward(ExecutionResult result, int suiteSize) {
    return reward(result.outcome(), result.tests(), suiteSize);
  }
}
