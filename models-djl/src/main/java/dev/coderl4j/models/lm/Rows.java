package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Java-side batching: padding id rows and their masks. */
final class Rows {
  private Rows() {}

  /** Left-pads {@code rows} to one length; {@code mask} gets 1 for tokens and 0 for padding. */
  static long[][] leftPad(List<int[]> rows, int pad, int[][] mask) {
    int len = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    long[][] out = new long[rows.size()][len];
    for (int i = 0; i < rows.size(); i++) {
      int[] r = rows.get(i);
      int off = len - r.length;
      mask[i] = new int[len];
      for (int j = 0; j < len; j++) {
        out[i][j] = j < off ? pad : r[j - off];
        mask[i][j] = j < off ? 0 : 1;
      }
    }
    return out;
  }

  /** Right-pads {@code rows} to one length (at least 1); {@code mask} gets 1 for tokens. */
  static long[][] rightPad(List<int[]> rows, long pad, int[][] mask) {
    int len = Math.max(1, rows.stream().mapToInt(r -> r.length).max().orElse(0));
    long[][] out = new long[rows.size()][len];
    for (int i = 0; i < rows.size(); i++) {
      int[] r = rows.get(i);
      if (mask != null) {
        mask[i] = new int[len];
      }
      for (int j = 0; j < len; j++) {
        out[i][j] = j < r.length ? r[j] : pad;
        if (mask != null) {
          mask[i][j] = j < r.length ? 1 : 0;
        }
      }
    }
    return out;
  }

  static NDArray mask(NDManager m, int[][] mask) {
    int b = mask.length;
    int k = mask[0].length;
    int[] flat = new int[b * k];
    for (int i = 0; i < b; i++) {
      System.arraycopy(mask[i], 0, flat, i * k, k);
    }
    return m.create(flat, new Shape(b, k));
  }

  /** Whether every entry is 1 (then the mask can be left out). */
  static boolean allOnes(int[][] mask) {
    for (int[] row : mask) {
      for (int v : row) {
        if (v == 0) {
          return false;
        }
      }
    }
    return true;
  }

  static int[][] reorder(int[][] rows, int[] indices) {
    int[][] out = new int[indices.length][];
    for (int i = 0; i < indices.length; i++) {
      out[i] = rows[indices[i]].clone();
    }
    return out;
  }

  static int[][] appendColumn(int[][] rows, int value) {
    int[][] out = new int[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = java.util.Arrays.copyOf(rows[i], rows[i].length + 1);
      out[i][rows[i].length] = value;
    }
    return out;
  }
}
