package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Builds additive attention masks ({@code 0} where a query may look, {@link Ops#MASK_MIN} where it
 * may not) from padding masks and causal structure.
 *
 * <p>Masks are built on the Java side from the 0/1 key masks because they are small and because
 * adding two {@code MASK_MIN}s would overflow to {@code -inf}; a fully masked row (a padding query)
 * then gets a uniform softmax instead of NaNs that would leak into other rows.
 */
public final class AttentionMask {
  private AttentionMask() {}

  /** Reads a {@code [B, K]} 0/1 mask (any numeric type) to Java; null stays null. */
  public static int[][] toJava(NDArray keyMask) {
    if (keyMask == null) {
      return null;
    }
    Shape s = keyMask.getShape();
    int b = (int) s.get(0);
    int k = (int) s.get(1);
    int[] flat = keyMask.toType(DataType.INT32, false).toIntArray();
    int[][] out = new int[b][k];
    for (int i = 0; i < b; i++) {
      System.arraycopy(flat, i * k, out[i], 0, k);
    }
    return out;
  }

  /**
   * The additive mask {@code [B or 1, 1, Q, K]}.
   *
   * @param keyMask {@code [B][K]}, 1 for tokens and 0 for padding; null for none
   * @param queries Q, the new positions
   * @param keys K, past plus new positions
   * @param causal whether query {@code i} (absolute position {@code K - Q + i}) sees only keys up
   *     to itself
   * @param window for local attention (GPT-Neo): a query sees only the last {@code window} keys up
   *     to itself; 0 for no window
   */
  public static NDArray additive(
      NDManager manager, int[][] keyMask, int queries, int keys, boolean causal, int window) {
    return build(manager, keyMask, queries, keys, causal, window, false);
  }

  /**
   * Like {@link #additive} but with the causal (and window) mask and the padding mask added as two
   * separate {@link Ops#MASK_MIN} terms, as GPT-Neo's reference attention does ({@code
   * where(causal, w, min) + padding_mask}): a key that is both out of the window and padding gets
   * {@code -inf}. Real rows are unaffected; padding rows whose whole window is padding then average
   * over the other keys exactly as the reference does.
   */
  public static NDArray summed(
      NDManager manager, int[][] keyMask, int queries, int keys, boolean causal, int window) {
    return build(manager, keyMask, queries, keys, causal, window, true);
  }

  private static NDArray build(
      NDManager manager,
      int[][] keyMask,
      int queries,
      int keys,
      boolean causal,
      int window,
      boolean summed) {
    int b = keyMask == null ? 1 : keyMask.length;
    int past = keys - queries;
    float[] data = new float[b * queries * keys];
    for (int r = 0; r < b; r++) {
      for (int i = 0; i < queries; i++) {
        int abs = past + i;
        int base = (r * queries + i) * keys;
        for (int j = 0; j < keys; j++) {
          boolean seen = (!causal || j <= abs) && (window <= 0 || j > abs - window);
          boolean real = keyMask == null || keyMask[r][j] != 0;
          if (summed) {
            data[base + j] = (seen ? 0f : Ops.MASK_MIN) + (real ? 0f : Ops.MASK_MIN);
          } else {
            data[base + j] = seen && real ? 0f : Ops.MASK_MIN;
          }
        }
      }
    }
    return manager.create(data, new Shape(b, 1, queries, keys));
  }
}
