package dev.coderl4j.core.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.reward.ExecutionArbitraries.Execution;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties every {@link RewardScheme} has (§3.3, Eq. 4–7); each reward plugin's {@code
 * *Properties} test implements this with {@link #scheme()}.
 */
public interface RewardSchemeContract {

  /** The scheme under test. */
  RewardScheme scheme();

  @Provide
  default Arbitrary<Execution> executions() {
    return ExecutionArbitraries.executions();
  }

  @Provide
  default Arbitrary<Execution> passing() {
    return ExecutionArbitraries.passed();
  }

  @Provide
  default Arbitrary<Execution> failing() {
    return ExecutionArbitraries.notPassed();
  }

  @Property
  default void rewardIsFiniteAndWithinRange(@ForAll("executions") Execution e) {
    double r = scheme().reward(e.outcome(), e.tests(), e.suiteSize());
    assertTrue(Double.isFinite(r), "reward " + r + " is not finite");
    assertTrue(
        r >= scheme().min() && r <= scheme().max(),
        "reward " + r + " outside [" + scheme().min() + ", " + scheme().max() + "] for " + e);
  }

  @Property
  default void passingEverythingEarnsTheMaximum(@ForAll("passing") Execution e) {
    assertEquals(scheme().max(), scheme().reward(e.outcome(), e.tests(), e.suiteSize()));
  }

  @Property
  default void notPassingEarnsLessThanPassing(@ForAll("failing") Execution e) {
    double r = scheme().reward(e.outcome(), e.tests(), e.suiteSize());
    assertTrue(r < scheme().max(), "not passing earned " + r + " for " + e);
  }

  @Property
  default void rewardIsAFunctionOfItsInputs(@ForAll("executions") Execution e) {
    double a = scheme().reward(e.outcome(), e.tests(), e.suiteSize());
    double b = scheme().reward(e.outcome(), java.util.List.copyOf(e.tests()), e.suiteSize());
    assertEquals(a, b);
  }

  @Property(tries = 1)
  default void rangeIsNotEmpty() {
    assertTrue(
        scheme().min() < scheme().max(), "min " + scheme().min() + " ≥ max " + scheme().max());
  }
}
