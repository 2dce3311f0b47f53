package dev.coderl4j.models.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns stored bytes into DJL arrays: gathers strided views, copies into fresh native memory and
 * converts floating-point types.
 *
 * <p>One instance serves one load so that a PyTorch storage shared by several tensors is read once.
 * Copies are deliberate: a mapped file or a zip entry must not stay aliased by a live tensor (the
 * file could change underneath, and safetensors offsets need not be aligned for the element type).
 */
final class TensorLoader {
  /** A storage of one zip; keys repeat across the shards of a sharded {@code .bin}. */
  record StorageId(TorchZip zip, String key) {}

  private final Map<StorageId, ByteBuffer> storages = new HashMap<>();

  /** Loads one tensor without sharing storages across calls. */
  static NDArray toNDArray(
      NDManager manager, TensorInfo info, TensorSource source, DataType floatType) {
    return new TensorLoader().load(manager, info, source, floatType);
  }

  NDArray load(NDManager manager, TensorInfo info, TensorSource source, DataType floatType) {
    checkFloatType(floatType);
    ByteBuffer contiguous =
        switch (source) {
          case TensorSource.FileSlice s -> TensorSource.map(s.file(), s.offset(), s.length());
          case TensorSource.StorageView v -> gather(info, v);
        };
    return create(manager, info, contiguous, floatType);
  }

  static void checkFloatType(DataType floatType) {
    if (floatType == DataType.BFLOAT16) {
      // Measured: DJL 0.36's PyTorch engine aborts the whole JVM ("terminate called without an
      // active exception") when it creates or casts to a bfloat16 array, so we never make one.
      throw new IllegalArgumentException(
          "cannot load as bfloat16: DJL's PyTorch engine aborts the JVM on bfloat16 arrays; load as"
              + " float32 (bfloat16 widens to it exactly) or float16");
    }
    if (!floatType.isFloating()) {
      throw new IllegalArgumentException(
          "load dtype must be a floating-point type (float32, float16 or float64), not "
              + floatType);
    }
  }

  static NDArray create(
      NDManager manager, TensorInfo info, ByteBuffer littleEndian, DataType floatType) {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new CheckpointException(
          "checkpoints are little-endian and this machine is big-endian; byte swapping is not"
              + " implemented");
    }
    Shape shape = new Shape(info.shape().stream().mapToLong(Long::longValue).toArray());
    ByteBuffer bytes = littleEndian;
    DataType stored = info.dtype().djl();
    if (info.dtype() == TensorDType.BF16) {
      // Widened here, exactly, because DJL cannot hold bfloat16 (see checkFloatType).
      bytes = widenBf16(littleEndian);
      stored = DataType.FLOAT32;
    }
    DataType target = info.dtype().isFloatingPoint() ? floatType : stored;
    if (info.elementCount() == 0) {
      return manager.zeros(shape, target);
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.nativeOrder());
    direct.put(bytes.duplicate());
    direct.flip();
    NDArray array = manager.create(direct, shape, stored);
    if (target == stored) {
      return array;
    }
    NDArray converted = array.toType(target, false);
    array.close();
    return converted;
  }

  /** bfloat16 is the top half of a float32: widening shifts each element's bits left by 16. */
  static ByteBuffer widenBf16(ByteBuffer littleEndian) {
    ByteBuffer in = littleEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int n = in.remaining() / 2;
    ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(n, 4)).order(ByteOrder.LITTLE_ENDIAN);
    int base = in.position();
    for (int i = 0; i < n; i++) {
      out.putInt((in.getShort(base + 2 * i) & 0xffff) << 16);
    }
    return out.flip();
  }

  /**
   * Rounds a float32 to bfloat16 bits, to nearest with ties to even as PyTorch does; NaNs stay NaN
   * (quiet bit set, so a payload in the low half cannot turn them into infinities).
   */
  static short toBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if (Float.isNaN(f)) {
      return (short) ((bits >>> 16) | 0x0040);
    }
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  /**
   * Drops a cached storage once no tensor still to be loaded uses it, so a load holds one copy of
   * each.
   */
  void release(StorageId id) {
    storages.remove(id);
  }

  /** Copies the elements of a strided storage view into a contiguous row-major buffer. */
  private ByteBuffer gather(TensorInfo info, TensorSource.StorageView v) {
    ByteBuffer storage =
        storages.computeIfAbsent(
            new StorageId(v.zip(), v.storageKey()), id -> id.zip().storageBytes(id.key()));
    int es = v.storageType().byteSize();
    long storageElems = storage.capacity() / es;
    List<Long> shape = info.shape();
    List<Long> strides = v.strides();
    String where = "tensor " + info.name() + " in " + info.file();
    if (strides.size() != shape.size()) {
      throw new CheckpointException(
          where + ": " + shape.size() + " dimensions but " + strides.size() + " strides");
    }
    long n = info.elementCount();
    if (n == 0) {
      return ByteBuffer.allocate(0);
    }
    long last = v.storageOffset();
    for (int i = 0; i < shape.size(); i++) {
      if (strides.get(i) < 0) {
        throw new CheckpointException(where + ": negative stride " + strides);
      }
      last += (shape.get(i) - 1) * strides.get(i);
    }
    if (v.storageOffset() < 0 || last >= storageElems) {
      throw new CheckpointException(
          where
              + ": view (offset "
              + v.storageOffset()
              + ", shape "
              + shape
              + ", strides "
              + strides
              + ") reaches element "
              + last
              + " but storage "
              + v.storageKey()
              + " has "
              + storageElems);
    }
    long bytes = Math.multiplyExact(n, es);
    if (bytes > Integer.MAX_VALUE) {
      throw new CheckpointException(
          where + ": " + bytes + " bytes is over the 2 GiB one buffer holds");
    }
    ByteBuffer out = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (isRowMajor(shape, strides)) {
      out.put(storage.slice((int) (v.storageOffset() * es), (int) bytes));
      return out.flip();
    }
    int rank = shape.size();
    long[] idx = new long[rank];
    byte[] element = new byte[es];
    for (long k = 0; k < n; k++) {
      long pos = v.storageOffset();
      for (int d = 0; d < rank; d++) {
        pos += idx[d] * strides.get(d);
      }
      storage.get((int) (pos * es), element);
      out.put(element);
      for (int d = rank - 1; d >= 0; d--) {
        if (++idx[d] < shape.get(d)) {
          break;
        }
        idx[d] = 0;
      }
    }
    return out.flip();
  }

  /**
   * Whether strides are those of a contiguous row-major tensor (size-1 dimensions may have any
   * stride).
   */
  static boolean isRowMajor(List<Long> shape, List<Long> strides) {
    long expected = 1;
    for (int d = shape.size() - 1; d >= 0; d--) {
      if (shape.get(d) != 1 && strides.get(d) != expected) {
        return false;
      }
      expected *= shape.get(d);
    }
    return true;
  }

  /** The first few names of a collection, for "found: ..." messages. */
  static String preview(Collection<String> names) {
    int limit = 8;
    String head = names.stream().sorted().limit(limit).collect(Collectors.joining(", "));
    return names.size() > limit ? head + ", ... (" + names.size() + " in all)" : head;
  }
}
