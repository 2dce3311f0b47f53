package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What cached T5 decoding keeps between steps: per layer the self-attention keys and values of
 * every position so far, the cross-attention keys and values of the encoder output (computed once,
 * by {@link T5Stack#startDecoding}), the padding of both, and the decoder's relative position bias
 * for the positions it has room for.
 *
 * <p>Self-attention keys and values live in preallocated buffers per layer, keys transposed ({@code
 * [B, H, D, capacity]}, ready for {@code q @ K^T}) and values {@code [B, H, capacity, D]}, zero
 * beyond {@link #length()}: a step writes its position in place and reads views, instead of
 * concatenating (which copies the whole cache each step). The buffers double when full. The
 * additive self-attention key mask ({@code [B, 1, 1, capacity]}, {@link Ops#MASK_MIN} at padding)
 * exists only once some key is padding.
 *
 * <p>Arrays it holds live outside any {@link ai.djl.ndarray.NDScope}; it closes them when they are
 * replaced and on {@link #close()}. Inference only (grad mode off).
 */
public final class T5DecoderCache implements AutoCloseable {
  private final int heads;
  private final int headDim;
  private final NDArray[] selfKeysT;
  private final NDArray[] selfValues;
  private final NDArray[] crossKeys;
  private final NDArray[] crossKeysT;
  private final NDArray[] crossValues;
  private NDArray selfKeyMask;
  private NDArray crossMask;
  private NDArray biasTable;
  private int rows;
  private int length;
  private int capacity;

  T5DecoderCache(int layers, int heads, int headDim, int rows) {
    this.heads = heads;
    this.headDim = headDim;
    this.rows = rows;
    selfKeysT = new NDArray[layers];
    selfValues = new NDArray[layers];
    crossKeys = new NDArray[layers];
    crossKeysT = new NDArray[layers];
    crossValues = new NDArray[layers];
  }

  /** Decoder positions cached so far. */
  public int length() {
    return length;
  }

  int capacity() {
    return capacity;
  }

  /**
   * Stores the cross-attention keys and values {@code [B, H, S, D]} of {@code layer}, and the keys
   * transposed, {@code [B, H, D, S]}, laid out contiguously for the per-step product with the
   * query.
   */
  void putCross(int layer, NDArray keys, NDArray values) {
    closeAll(crossKeysT[layer], crossKeys[layer], crossValues[layer]);
    crossKeys[layer] = keys;
    crossValues[layer] = values;
    crossKeysT[layer] = Ops.keep(InferenceOps.contiguous(InferenceOps.transpose(keys, 2, 3)));
  }

  NDArray crossKeys(int layer) {
    return crossKeys[layer];
  }

  /** The cross-attention keys transposed, {@code [B, H, D, S]} (a view). */
  NDArray crossKeysT(int layer) {
    return crossKeysT[layer];
  }

  NDArray crossValues(int layer) {
    return crossValues[layer];
  }

  NDArray crossMask() {
    return crossMask;
  }

  void setCrossMask(NDArray mask) {
    this.crossMask = mask;
  }

  /**
   * The decoder's relative position bias for keys {@code 0..capacity-1}, {@code [1, H, 1,
   * capacity]}: column {@code c} holds the bias of a key {@code capacity - 1 - c} positions before
   * the query, so that the bias of a query at position {@code p} is the last {@code p + 1} columns.
   */
  void setBiasTable(NDArray table) {
    closeAll(biasTable);
    biasTable = table;
  }

  /**
   * Makes room for {@code t} more positions, doubling the buffers when full.
   *
   * @return whether the capacity changed (the caller then replaces the bias table)
   */
  boolean reserve(NDManager manager, int t) {
    int needed = length + t;
    if (needed <= capacity) {
      return false;
    }
    int grown = Math.max(needed, Math.max(2 * capacity, 32));
    for (int l = 0; l < selfValues.length; l++) {
      selfKeysT[l] = grow(manager, selfKeysT[l], new Shape(rows, heads, headDim, grown), 3);
      selfValues[l] = grow(manager, selfValues[l], new Shape(rows, heads, grown, headDim), 2);
    }
    if (selfKeyMask != null) {
      selfKeyMask = grow(manager, selfKeyMask, new Shape(rows, 1, 1, grown), 3);
    }
    capacity = grown;
    return true;
  }

  /** A zero buffer of {@code shape} with the first {@link #length()} positions of {@code old}. */
  private NDArray grow(NDManager manager, NDArray old, Shape shape, int axis) {
    NDArray fresh = Ops.keep(manager.zeros(shape));
    if (old != null) {
      if (length > 0) {
        InferenceOps.addInPlace(
            InferenceOps.slice(fresh, axis, 0, length), InferenceOps.slice(old, axis, 0, length));
      }
      old.close();
    }
    return fresh;
  }

  /**
   * Records which of the keys {@code 0..keys-1} are padding (0 in {@code keyMask}); positions after
   * them are real unless a later call says otherwise.
   */
  void recordKeyMask(NDManager manager, int[][] keyMask, int keys) {
    boolean padded = false;
    for (int[] row : keyMask) {
      for (int j = 0; j < keys && !padded; j++) {
        padded = row[j] == 0;
      }
    }
    if (!padded && selfKeyMask == null) {
      return;
    }
    float[] data = new float[rows * capacity];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < keys; j++) {
        data[r * capacity + j] = keyMask[r][j] == 0 ? Ops.MASK_MIN : 0f;
      }
    }
    closeAll(selfKeyMask);
    selfKeyMask = Ops.keep(manager.create(data, new Shape(rows, 1, 1, capacity)));
  }

  /**
   * Writes keys and values {@code [B, H, T, D]} of the positions after {@link #length()} into
   * {@code layer}'s buffers (room made by {@link #reserve}) and returns views of all keys and
   * values so far, {@code [B, H, length + T, D]} each. {@link #advance} moves the length once every
   * layer is written.
   */
  NDArray[] write(int layer, NDArray keys, NDArray values) {
    long end = length + keys.getShape().get(2);
    InferenceOps.addInPlace(
        InferenceOps.slice(selfKeysT[layer], 3, length, end), InferenceOps.transpose(keys, 2, 3));
    InferenceOps.addInPlace(InferenceOps.slice(selfValues[layer], 2, length, end), values);
    return new NDArray[] {InferenceOps.transpose(keysT(layer, end), 2, 3), values(layer, end)};
  }

  /**
   * Writes one position's keys and values ({@code [B, H, 1, D]} each) and returns all keys so far
   * transposed, {@code [B, H, D, length + 1]}, and all values, {@code [B, H, length + 1, D]}.
   */
  NDArray[] writeStep(int layer, NDArray keys, NDArray values) {
    long end = length + 1L;
    InferenceOps.addInPlace(
        InferenceOps.slice(selfKeysT[layer], 3, length, end), InferenceOps.transpose(keys, 2, 3));
    InferenceOps.addInPlace(InferenceOps.slice(selfValues[layer], 2, length, end), values);
    return new NDArray[] {keysT(layer, end), values(layer, end)};
  }

  private NDArray keysT(int layer, long keys) {
    return InferenceOps.slice(selfKeysT[layer], 3, 0, keys);
  }

  private NDArray values(int layer, long keys) {
    return InferenceOps.slice(selfValues[layer], 2, 0, keys);
  }

  void advance(int t) {
    length += t;
  }

  /**
   * The additive bias {@code [B or 1, H, 1, length + 1]} of a query at position {@link #length()}:
   * position bias plus the key padding mask (a view when nothing is padded).
   */
  NDArray stepBias() {
    NDArray bias = InferenceOps.slice(biasTable, 3, capacity - 1L - length, capacity);
    return selfKeyMask == null
        ? bias
        : InferenceOps.add(bias, InferenceOps.slice(selfKeyMask, 3, 0, length + 1L));
  }

  /** Keeps rows {@code index} (int64 row numbers, repeats allowed) in that order. */
  public void select(NDArray index) {
    for (int l = 0; l < selfValues.length; l++) {
      selfKeysT[l] = gather(selfKeysT[l], index);
      selfValues[l] = gather(selfValues[l], index);
      if (crossKeys[l] != null) {
        putCross(l, Ops.keep(crossKeys[l].get(index)), Ops.keep(crossValues[l].get(index)));
      }
    }
    selfKeyMask = gather(selfKeyMask, index);
    crossMask = gather(crossMask, index);
    rows = (int) index.getShape().get(0);
  }

  private static NDArray gather(NDArray old, NDArray index) {
    if (old == null) {
      return null;
    }
    NDArray kept = Ops.keep(old.get(index));
    old.close();
    return kept;
  }

  private static void closeAll(NDArray... arrays) {
    for (NDArray a : arrays) {
      if (a != null && !a.isReleased()) {
        a.close();
      }
    }
  }

  @Override
  public void close() {
    for (int l = 0; l < selfValues.length; l++) {
      closeAll(selfKeysT[l], selfValues[l], crossKeysT[l], crossKeys[l], crossValues[l]);
      selfKeysT[l] = null;
      selfValues[l] = null;
      crossKeysT[l] = null;
      crossKeys[l] = null;
      crossValues[l] = null;
    }
    closeAll(selfKeyMask, crossMask, biasTable);
    selfKeyMask = null;
    crossMask = null;
    biasTable = null;
  }
}
