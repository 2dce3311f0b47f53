package dev.coderl4j.plugins.lm;

import ai.djl.ndarray.NDArray;

/**
 * What cached T5 decoding keeps between steps: self-attention keys and values, the cross-attention
 * keys and values of the encoder output (computed once), and the encoder padding mask.
 */
public final class T5DecoderCache implements AutoCloseable {
  private final KvCache self;
  private final KvCache cross;
  private NDArray crossMask;

  T5DecoderCache(int layers) {
    self = new KvCache(layers);
    cross = new KvCache(layers);
  }

  KvCache self() {
    return self;
  }

  KvCache cross() {
    return cross;
  }

  NDArray crossMask() {
    return crossMask;
  }

  void setCrossMask(NDArray mask) {
    this.crossMask = mask;
  }

  /** Decoder positions cached so far. */
  public int length() {
    return self.length();
  }

  /** Keeps rows {@code index} (int64 row numbers, repeats allowed) in that order. */
  public void select(NDArray index) {
    self.select(index);
    cross.select(index);
    if (crossMask != null) {
      NDArray old = crossMask;
      crossMask = Ops.keep(old.get(index));
      old.close();
    }
  }

  @Override
  public void close() {
    self.close();
    cross.close();
    if (crossMask != null) {
      crossMask.close();
      crossMask = null;
    }
  }
}
