package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;

/**
 * The per-layer keys and values of the positions decoded so far ({@code [B, H, T, D]} each), so
 * that each new token costs one position of work instead of the whole prefix. Used by the causal
 * models; T5 keeps its own ({@link T5DecoderCache}).
 *
 * <p>Arrays it holds live outside any {@link ai.djl.ndarray.NDScope}; it closes them when they are
 * replaced and on {@link #close()}. Rows follow the decoding session's rows ({@link #select}).
 */
public final class KvCache implements AutoCloseable {
  private final NDArray[] keys;
  private final NDArray[] values;

  public KvCache(int layers) {
    keys = new NDArray[layers];
    values = new NDArray[layers];
  }

  /** Positions cached so far. */
  public int length() {
    return keys[0] == null ? 0 : (int) keys[0].getShape().get(2);
  }

  /** Appends this step's keys and values of {@code layer} and returns the full ones. */
  NDArray[] append(int layer, NDArray k, NDArray v) {
    // InferenceOps.concat: NDArray.concat checks its arguments at several times the kernel's cost.
    NDArray newK = keys[layer] == null ? k : InferenceOps.concat(keys[layer], k, 2);
    NDArray newV = values[layer] == null ? v : InferenceOps.concat(values[layer], v, 2);
    replace(layer, Ops.keep(newK), Ops.keep(newV));
    return new NDArray[] {newK, newV};
  }

  /** Keeps rows {@code index} (an int64 array of row numbers, repeats allowed), in that order. */
  public void select(NDArray index) {
    for (int l = 0; l < keys.length; l++) {
      if (keys[l] != null) {
        replace(l, Ops.keep(keys[l].get(index)), Ops.keep(values[l].get(index)));
      }
    }
  }

  private void replace(int layer, NDArray k, NDArray v) {
    if (keys[layer] != null && keys[layer] != k) {
      keys[layer].close();
    }
    if (values[layer] != null && values[layer] != v) {
      values[layer].close();
    }
    keys[layer] = k;
    values[layer] = v;
  }

  @Override
  public void close() {
    for (int l = 0; l < keys.length; l++) {
      if (keys[l] != null) {
        keys[l].close();
        values[l].close();
        keys[l] = null;
        values[l] = null;
      }
    }
  }
}
