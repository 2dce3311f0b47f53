package dev.coderl4j.core.metrics;

/**
 * A metric averaged over problems, with a percentile bootstrap confidence interval over problems.
 *
 * @param value the mean over problems, a fraction in [0, 1]
 * @param ciLow the lower bound of the interval
 * @param ciHigh the upper bound of the interval
 * @param confidence the interval's level, e.g. 0.95
 * @param problems how many problems the mean is over
 */
public record Estimate(double value, double ciLow, double ciHigh, double confidence, int problems) {
  public Estimate {
    if (!(ciLow <= value + 1e-12 && value <= ciHigh + 1e-12)) {
      throw new IllegalArgumentException(
          "the interval [" + ciLow + ", " + ciHigh + "] must contain the value " + value);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException(
          "confidence must be in (0, 1), e.g. 0.95; got " + confidence);
    }
    if (problems < 1) {
      throw new IllegalArgumentException("an estimate needs at least one problem");
    }
  }
}
