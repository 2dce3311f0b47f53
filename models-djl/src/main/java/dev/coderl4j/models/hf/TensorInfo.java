package dev.coderl4j.models.hf;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint file says about one tensor: name, element type, shape and the file it is in.
 *
 * <p>Lets callers check names and shapes before paying for a load.
 */
public record TensorInfo(String name, TensorDType dtype, List<Long> shape, Path file) {

  /** Validates the fields and copies {@code shape}. */
  public TensorInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dtype, "dtype of " + name);
    Objects.requireNonNull(file, "file of " + name);
    shape = List.copyOf(shape);
    for (long d : shape) {
      if (d < 0) {
        throw new CheckpointException(
            "tensor " + name + " in " + file + " has a negative dimension in shape " + shape);
      }
    }
  }

  /** The number of elements (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** The number of bytes the elements take when stored contiguously. */
  public long byteCount() {
    return Math.multiplyExact(elementCount(), dtype.byteSize());
  }
}
