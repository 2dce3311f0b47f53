package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Gradient recording on the PyTorch engine without DJL's {@code GradientCollector}, which allows
 * only one collector per process (a static flag) and so would stop two actors from training side by
 * side.
 *
 * <p>PyTorch's grad mode is per thread: inference runs with it off so that no graph is built, and
 * gradients accumulate in each parameter's {@code .grad} across backward passes, as in PyTorch.
 */
public final class Autograd {
  private Autograd() {}

  /** Runs {@code body} with gradient recording on (and restores the previous mode). */
  public static <T> T recording(Supplier<T> body) {
    return withGradMode(true, body);
  }

  /** Runs {@code body} with gradient recording off, as inference must. */
  public static <T> T inference(Supplier<T> body) {
    return withGradMode(false, body);
  }

  private static <T> T withGradMode(boolean on, Supplier<T> body) {
    boolean previous = JniUtils.isGradMode();
    JniUtils.setGradMode(on);
    try {
      return body.get();
    } finally {
      JniUtils.setGradMode(previous);
    }
  }

  /**
   * Back-propagates a scalar {@code loss}, adding to the {@code .grad} of every leaf that needs
   * one.
   */
  public static void backward(NDArray loss) {
    try (NDArray seed = loss.onesLike()) {
      JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }
  }

  /** Clears the accumulated {@code .grad} of each of {@code parameters}. */
  public static void zeroGradients(Iterable<NDArray> parameters) {
    for (NDArray p : parameters) {
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }

  /** Sets the number of intra-op threads libtorch uses (process-wide). */
  public static void setThreads(int threads) {
    // Loads libtorch first: the thread setting is a native call.
    ai.djl.engine.Engine.getEngine("PyTorch");
    if (threads > 0 && JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
  }
}
