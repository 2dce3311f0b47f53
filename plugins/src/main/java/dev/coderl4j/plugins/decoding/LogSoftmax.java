package dev.coderl4j.plugins.decoding;

/** Log-softmax and arg-max over one row of logits, accumulated in double for stability. */
final class LogSoftmax {
  private LogSoftmax() {}

  /** {@code log softmax(logits)} as floats. */
  static float[] of(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : logits) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (float x : logits) {
      sum += Math.exp(x - max);
    }
    double lse = max + Math.log(sum);
    float[] out = new float[logits.length];
    for (int i = 0; i < logits.length; i++) {
      out[i] = (float) (logits[i] - lse);
    }
    return out;
  }

  /** The log-probability of {@code token} alone (no array allocated). */
  static float at(float[] logits, int token) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : logits) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (float x : logits) {
      sum += Math.exp(x - max);
    }
    return (float) (logits[token] - max - Math.log(sum));
  }

  /** The first index of the largest value, as {@code torch.argmax} picks it. */
  static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
