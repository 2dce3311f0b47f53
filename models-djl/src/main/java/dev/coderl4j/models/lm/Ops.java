package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * The differentiable building blocks shared by the architectures, each written as the reference
 * implementation writes it so that float32 rounding stays close.
 */
public final class Ops {
  /** {@code torch.finfo(torch.float32).min}: what Hugging Face adds at masked attention scores. */
  public static final float MASK_MIN = -Float.MAX_VALUE;

  private Ops() {}

  /**
   * {@code x @ w.T + b} with {@code w} as stored by PyTorch ({@code [out, in]}); {@code b} may be
   * null.
   */
  public static NDArray linear(NDArray x, NDArray w, NDArray b) {
    return (b == null ? Linear.linear(x, w) : Linear.linear(x, w, b)).singletonOrThrow();
  }

  /** Rows of {@code table} at {@code ids} (any integer type). */
  public static NDArray embedding(NDArray ids, NDArray table) {
    NDArray longIds = ids.getDataType() == DataType.INT64 ? ids : ids.toType(DataType.INT64, false);
    return Embedding.embedding(longIds, table, SparseFormat.DENSE).singletonOrThrow();
  }

  /** Layer norm over the last axis (GPT-Neo, GPT-J). */
  public static NDArray layerNorm(NDArray x, NDArray weight, NDArray bias, double eps) {
    return LayerNorm.layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, (float) eps)
        .singletonOrThrow();
  }

  /** T5's RMS norm: no mean subtraction, no bias: {@code w * x / sqrt(mean(x^2) + eps)}. */
  public static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
    NDArray variance = x.square().mean(new int[] {-1}, true);
    return weight.mul(x.div(variance.add((float) eps).sqrt()));
  }

  /** {@code [B, T, H*D] -> [B, H, T, D]}. */
  public static NDArray splitHeads(NDArray x, int heads) {
    Shape s = x.getShape();
    return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
  }

  /** {@code [B, H, T, D] -> [B, T, H*D]}. */
  public static NDArray mergeHeads(NDArray x) {
    Shape s = x.getShape();
    return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
  }

  /**
   * Scaled dot-product attention as the references write it: scores, optional division, additive
   * bias (masks and T5's position bias, already summed), softmax, weighted values.
   *
   * @param divisor 1 for T5 and GPT-Neo (no scaling), {@code sqrt(head_dim)} for GPT-J
   * @param bias broadcastable to {@code [B, H, Q, K]}, or null
   */
  public static NDArray attention(NDArray q, NDArray k, NDArray v, float divisor, NDArray bias) {
    NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
    if (divisor != 1f) {
      scores = scores.div(divisor);
    }
    if (bias != null) {
      scores = scores.add(bias);
    }
    return scores.softmax(-1).matMul(v);
  }

  /**
   * Per-token negative log-likelihood: {@code -log softmax(logits)[label]}, 0 where the label is
   * {@code -100} (Hugging Face's ignore index).
   *
   * @param logits {@code [B, T, V]}
   * @param labels {@code [B, T]} int64
   * @return {@code [B, T]}
   */
  public static NDArray tokenNll(NDArray logits, NDArray labels) {
    NDArray valid = labels.gte(0);
    NDArray safe = labels.maximum(0L);
    NDArray picked = logits.logSoftmax(-1).gather(safe.expandDims(-1), -1).squeeze(-1);
    return picked.neg().mul(valid.toType(DataType.FLOAT32, false));
  }

  /**
   * Mean token cross-entropy over labels that are not {@code -100}, as {@code CrossEntropyLoss}.
   */
  public static NDArray meanCrossEntropy(NDArray logits, NDArray labels) {
    NDArray count = labels.gte(0).toType(DataType.FLOAT32, false).sum();
    return tokenNll(logits, labels).sum().div(count);
  }

  /**
   * A float32 constant as a 0-d array in libtorch's own memory, for arithmetic on arrays that
   * autograd records. DJL's {@code x.mul(0.5f)} wraps the Java number in a tensor over a direct
   * buffer and closes it right after the operation, while autograd keeps that tensor for the
   * backward pass (the gradient of {@code x * c} reads {@code c}): once the garbage collector frees
   * the buffer, gradients read garbage (seen as NaNs in the middle of training). A constant made
   * here lives as long as autograd holds it.
   */
  public static NDArray constant(NDArray like, double value) {
    return like.getManager().full(new Shape(), (float) value, DataType.FLOAT32);
  }

  /** {@code x * c}, safe under autograd ({@link #constant}). */
  public static NDArray scale(NDArray x, double c) {
    return x.mul(constant(x, c));
  }

  /** Keeps {@code array} alive past the innermost {@link NDScope}; the caller closes it. */
  public static NDArray keep(NDArray array) {
    NDScope.unregister(array);
    return array;
  }

  /** An int64 array {@code [rows][cols]} of ids. */
  public static NDArray ids(NDManager manager, long[][] rows) {
    int b = rows.length;
    int t = b == 0 ? 0 : rows[0].length;
    long[] flat = new long[b * t];
    for (int i = 0; i < b; i++) {
      System.arraycopy(rows[i], 0, flat, i * t, t);
    }
    return manager.create(flat, new Shape(b, t));
  }
}
