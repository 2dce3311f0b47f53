package dev.coderl4j.models.hf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Where the bytes of one stored tensor are, in one of the layouts the readers know.
 *
 * <p>Sealed: each format adds its own layout, and the loader switches over them exhaustively.
 */
sealed interface TensorSource {

  /**
   * A contiguous little-endian slice of a file (safetensors): {@code length} bytes at {@code
   * offset}.
   */
  record FileSlice(Path file, long offset, long length) implements TensorSource {}

  /**
   * A strided view into a PyTorch storage (a {@code data/<key>} entry of the zip): element offset
   * and strides in elements of {@code storageType}, as {@code torch._utils._rebuild_tensor_v2}
   * takes them.
   */
  record StorageView(
      TorchZip zip,
      String storageKey,
      TensorDType storageType,
      long storageOffset,
      List<Long> strides)
      implements TensorSource {
    public StorageView {
      strides = List.copyOf(strides);
    }
  }

  /**
   * Maps {@code length} bytes of {@code file} at {@code offset}; long offsets, so files over 2 GB
   * work.
   */
  static ByteBuffer map(Path file, long offset, long length) {
    if (length > Integer.MAX_VALUE) {
      throw new CheckpointException(
          file
              + ": one tensor of "
              + length
              + " bytes is over the 2 GiB a single Java buffer can hold; split the tensor or shard"
              + " the checkpoint differently");
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (offset + length > ch.size()) {
        throw new CheckpointException(
            file
                + ": truncated: a tensor needs bytes up to "
                + (offset + length)
                + " but the file has "
                + ch.size()
                + " (download the file again)");
      }
      return ch.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
