package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW as {@code torch.optim.AdamW} computes it (decoupled weight decay, bias-corrected moments),
 * with global gradient-norm clipping as {@code torch.nn.utils.clip_grad_norm_}.
 *
 * <p>Uses DJL's fused native update, whose denominator is {@code sqrt(v) + eps} without bias
 * correction; passing {@code lr * sqrt(1 - b2^t) / (1 - b1^t)} as the step and {@code eps * sqrt(1
 * - b2^t)} as epsilon makes it PyTorch's update exactly (algebraically). Shared by the actors and
 * the critic, so that both train with the same optimiser.
 */
public final class AdamW implements AutoCloseable {
  private final Map<String, NDArray> parameters;
  private final Map<String, NDArray[]> moments = new LinkedHashMap<>();
  private final Settings params;
  private long steps;

  /**
   * AdamW's hyper-parameters.
   *
   * @param maxGradNorm the global gradient-norm clip; 0 turns clipping off
   */
  public record Settings(
      double learningRate,
      double weightDecay,
      double beta1,
      double beta2,
      double epsilon,
      double maxGradNorm) {}

  AdamW(Map<String, NDArray> parameters, ActorParams params, NDManager manager) {
    this(
        parameters,
        new Settings(
            params.learningRate(),
            params.weightDecay(),
            params.beta1(),
            params.beta2(),
            params.epsilon(),
            params.maxGradNorm()),
        manager);
  }

  /** An optimiser of {@code parameters}, its moments allocated on {@code manager}. */
  public AdamW(Map<String, NDArray> parameters, Settings params, NDManager manager) {
    this.parameters = parameters;
    this.params = params;
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray p = e.getValue();
      moments.put(
          e.getKey(), new NDArray[] {manager.zeros(p.getShape()), manager.zeros(p.getShape())});
    }
  }

  /** The global L2 norm of the accumulated gradients. */
  public double gradNorm() {
    double sq = 0;
    for (NDArray p : parameters.values()) {
      try (NDArray g = p.getGradient();
          NDArray n = g.norm()) {
        double v = n.getFloat();
        sq += v * v;
      }
    }
    return Math.sqrt(sq);
  }

  /** Clips, applies one update with the accumulated gradients, and zeroes them. */
  public void step(double gradNorm) {
    steps++;
    double clip =
        params.maxGradNorm() > 0 ? Math.min(1.0, params.maxGradNorm() / (gradNorm + 1e-6)) : 1.0;
    double bc1 = 1 - Math.pow(params.beta1(), steps);
    double bc2 = 1 - Math.pow(params.beta2(), steps);
    double lr = params.learningRate();
    float stepSize = (float) (lr * Math.sqrt(bc2) / bc1);
    float eps = (float) (params.epsilon() * Math.sqrt(bc2));
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      PtNDArray p = (PtNDArray) e.getValue();
      NDArray[] m = moments.get(e.getKey());
      try (NDArray g = p.getGradient()) {
        JniUtils.adamUpdate(
            p,
            (PtNDArray) g,
            (PtNDArray) m[0],
            (PtNDArray) m[1],
            (float) lr,
            stepSize,
            (float) params.weightDecay(),
            (float) clip,
            -1f,
            (float) params.beta1(),
            (float) params.beta2(),
            eps,
            true);
      }
    }
    zeroGradients();
  }

  /** Drops the accumulated gradients. */
  public void zeroGradients() {
    for (NDArray p : parameters.values()) {
      JniUtils.zeroGrad((PtNDArray) p);
    }
  }

  long steps() {
    return steps;
  }

  @Override
  public void close() {
    for (NDArray[] m : moments.values()) {
      m[0].close();
      m[1].close();
    }
  }
}
