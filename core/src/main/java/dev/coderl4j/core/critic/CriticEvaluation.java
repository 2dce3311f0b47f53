package dev.coderl4j.core.critic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How well a critic predicts outcomes on held-out samples: accuracy, the confusion matrix and
 * calibration (§3.3 trains the critic as an error predictor; these say how good a predictor it is).
 *
 * @param labels the critic's classes
 * @param count samples evaluated
 * @param accuracy fraction whose most probable class is the true one
 * @param confusion {@code confusion.get(true).get(predicted)} counts
 * @param expectedCalibrationError ECE: the count-weighted mean gap between confidence and accuracy
 *     over the bins of the top-class confidence
 * @param bins the reliability diagram, one entry per confidence bin
 * @param majorityAccuracy the accuracy of always predicting the most frequent true class, for scale
 */
public record CriticEvaluation(
    LabelSet labels,
    int count,
    double accuracy,
    List<List<Integer>> confusion,
    double expectedCalibrationError,
    List<Bin> bins,
    double majorityAccuracy) {

  public CriticEvaluation {
    Objects.requireNonNull(labels, "labels");
    confusion = confusion.stream().map(List::copyOf).toList();
    bins = List.copyOf(bins);
  }

  /**
   * One reliability bin of top-class confidence {@code [lower, upper)}.
   *
   * @param count predictions in the bin
   * @param meanConfidence their mean top-class probability
   * @param accuracy the fraction of them that were right
   */
  public record Bin(
      double lower, double upper, int count, double meanConfidence, double accuracy) {}

  /**
   * Evaluates predictions against true classes.
   *
   * @param binCount reliability bins over [0, 1] (10 is usual)
   */
  public static CriticEvaluation of(
      LabelSet labels, List<OutcomeClass> truth, List<CriticPrediction> predictions, int binCount) {
    if (truth.size() != predictions.size()) {
      throw new IllegalArgumentException(
          truth.size() + " labels but " + predictions.size() + " predictions");
    }
    if (binCount < 1) {
      throw new IllegalArgumentException("binCount must be at least 1, got " + binCount);
    }
    int k = labels.size();
    int[][] conf = new int[k][k];
    int[] binN = new int[binCount];
    double[] binConf = new double[binCount];
    int[] binRight = new int[binCount];
    int[] truthCounts = new int[k];
    int right = 0;
    for (int i = 0; i < truth.size(); i++) {
      int t = labels.index(truth.get(i));
      CriticPrediction p = predictions.get(i);
      if (p.outcome().size() != k) {
        throw new IllegalArgumentException(
            "prediction " + i + " has " + p.outcome().size() + " classes, expected " + k);
      }
      int guess = p.predictedIndex();
      double top = p.outcome().get(guess);
      conf[t][guess]++;
      truthCounts[t]++;
      int b = Math.min(binCount - 1, (int) Math.floor(top * binCount));
      binN[b]++;
      binConf[b] += top;
      if (guess == t) {
        right++;
        binRight[b]++;
      }
    }
    int n = truth.size();
    List<Bin> bins = new ArrayList<>();
    double ece = 0;
    for (int b = 0; b < binCount; b++) {
      double meanConf = binN[b] == 0 ? 0 : binConf[b] / binN[b];
      double acc = binN[b] == 0 ? 0 : (double) binRight[b] / binN[b];
      bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, binN[b], meanConf, acc));
      if (n > 0) {
        ece += (double) binN[b] / n * Math.abs(meanConf - acc);
      }
    }
    List<List<Integer>> confusion = new ArrayList<>();
    for (int[] row : conf) {
      confusion.add(java.util.Arrays.stream(row).boxed().toList());
    }
    int majority = java.util.Arrays.stream(truthCounts).max().orElse(0);
    return new CriticEvaluation(
        labels,
        n,
        n == 0 ? 0 : (double) right / n,
        confusion,
        ece,
        bins,
        n == 0 ? 0 : (double) majority / n);
  }
}
