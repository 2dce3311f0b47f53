package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * The operations of one cached decoding step, called on DJL's PyTorch JNI directly.
 *
 * <p>At batch 1 a step of a small model is a few hundred tiny kernels, so what each call costs on
 * the Java side matters as much as the kernel: {@link NDArray#concat} and string-indexed {@code
 * get} parse and check their arguments and cost 10 to 40 microseconds, a scalar operand ({@code
 * x.add(1e-6f)}) creates a native array every call. Here every call is one JNI call that returns
 * one array, views ({@link #slice}, {@link #reshape}, {@link #transpose}) copy nothing, and scalars
 * are made once by the caller. Each computes what the corresponding {@link Ops} or {@link NDArray}
 * method computes (same kernels), so cached and recomputed decoding agree.
 *
 * <p>For inference only: callers run with grad mode off ({@link Autograd#inference}); the in-place
 * {@link #addInPlace} would otherwise be recorded on tensors autograd may need.
 */
final class InferenceOps {
  private InferenceOps() {}

  private static PtNDArray pt(NDArray a) {
    return (PtNDArray) a;
  }

  /** {@code x @ w.T} with {@code w} stored {@code [out, in]}. */
  static NDArray linear(NDArray x, NDArray w) {
    return JniUtils.linear(pt(x), pt(w), null);
  }

  static NDArray matMul(NDArray a, NDArray b) {
    return JniUtils.matmul(pt(a), pt(b));
  }

  static NDArray add(NDArray a, NDArray b) {
    return JniUtils.add(pt(a), pt(b));
  }

  /** {@code target += x}, written into {@code target}'s storage (also through a view). */
  static void addInPlace(NDArray target, NDArray x) {
    JniUtils.addi(pt(target), pt(x));
  }

  static NDArray mul(NDArray a, NDArray b) {
    return JniUtils.mul(pt(a), pt(b));
  }

  static NDArray softmaxLast(NDArray x) {
    return JniUtils.softmax(pt(x), -1, DataType.FLOAT32);
  }

  /** A view of {@code x} with a new shape (no copy when the layout allows, as {@code reshape}). */
  static NDArray reshape(NDArray x, long... shape) {
    return JniUtils.reshape(pt(x), shape);
  }

  /** The view {@code x[..., start:end, ...]} along {@code dim}. */
  static NDArray slice(NDArray x, int dim, long start, long end) {
    return JniUtils.slice(pt(x), dim, start, end, 1);
  }

  /** The view of {@code x} with axes {@code a} and {@code b} swapped. */
  static NDArray transpose(NDArray x, int a, int b) {
    return JniUtils.transpose(pt(x), a, b);
  }

  /** {@code a} and {@code b} joined along {@code dim}, as {@link NDArray#concat}. */
  static NDArray concat(NDArray a, NDArray b, int dim) {
    return JniUtils.cat(new PtNDArray[] {pt(a), pt(b)}, dim);
  }

  /** {@code x} laid out contiguously (a copy unless it already is; values unchanged). */
  static NDArray contiguous(NDArray x) {
    return reshape(reshape(x, -1), x.getShape().getShape());
  }

  /** Rows of {@code table} at the int64 {@code ids}. */
  static NDArray embedding(NDArray ids, NDArray table) {
    return JniUtils.embedding(pt(ids), pt(table), false);
  }

  /**
   * {@link Ops#rmsNorm} with the epsilon given as a float32 scalar array, operation for operation:
   * {@code weight * (x / sqrt(mean(x^2) + eps))}.
   */
  static NDArray rmsNorm(NDArray x, NDArray weight, NDArray eps) {
    PtNDArray variance = JniUtils.mean(JniUtils.square(pt(x)), -1, true);
    PtNDArray rms = JniUtils.sqrt(JniUtils.add(variance, pt(eps)));
    return JniUtils.mul(pt(weight), JniUtils.div(pt(x), rms));
  }

  /**
   * Reads {@code [B, 1, V]} (or {@code [B, V]}) float32 logits into {@code float[B][V]} with one
   * copy, from a direct view of the tensor's memory when it is contiguous on the CPU.
   */
  static float[][] rows(NDArray logits) {
    long[] shape = logits.getShape().getShape();
    int b = (int) shape[0];
    int v = (int) shape[shape.length - 1];
    FloatBuffer data = pt(logits).toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer();
    float[][] out = new float[b][v];
    for (int i = 0; i < b; i++) {
      data.get(out[i]);
    }
    return out;
  }
}
