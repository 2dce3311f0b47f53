package dev.coderl4j.models.hf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A {@code pytorch_model.bin} in the zip format {@code torch.save} has written since PyTorch 1.6.
 *
 * <p>The zip holds {@code <archive>/data.pkl} (the pickled state_dict, read by {@link TorchPickle})
 * and one entry {@code <archive>/data/<key>} per storage. Tensors are views (offset, shape,
 * strides) into storages; tensors that share a storage share memory in PyTorch, which is how tied
 * weights are saved. The older non-zip format is refused.
 */
final class TorchZip {
  private final Path file;
  private final String prefix;
  private final Map<String, TensorInfo> infos;
  private final Map<String, TensorSource.StorageView> views;
  private final Map<String, TorchPickle.StorageRef> storages;

  private TorchZip(Path file, String prefix, Map<String, TorchPickle.TensorRef> refs) {
    this.file = file;
    this.prefix = prefix;
    Map<String, TensorInfo> i = new LinkedHashMap<>();
    Map<String, TensorSource.StorageView> v = new LinkedHashMap<>();
    Map<String, TorchPickle.StorageRef> s = new LinkedHashMap<>();
    refs.forEach(
        (name, ref) -> {
          TorchPickle.StorageRef previous = s.putIfAbsent(ref.storage().key(), ref.storage());
          if (previous != null && !previous.equals(ref.storage())) {
            throw new CheckpointException(
                file
                    + ": storage "
                    + ref.storage().key()
                    + " is declared twice, as "
                    + previous
                    + " and as "
                    + ref.storage()
                    + " (corrupt pickle)");
          }
          i.put(name, new TensorInfo(name, ref.storage().dtype(), ref.size(), file));
          v.put(
              name,
              new TensorSource.StorageView(
                  this, ref.storage().key(), ref.storage().dtype(), ref.offset(), ref.stride()));
        });
    this.infos = i;
    this.views = v;
    this.storages = s;
  }

  /**
   * Reads the zip's directory and unpickles its state_dict (storages are read later, on load).
   *
   * @throws CheckpointException for a missing file, the legacy non-zip format, a zip without
   *     exactly one {@code data.pkl}, a big-endian archive, or a pickle outside the state_dict
   *     subset
   */
  static TorchZip open(Path file) {
    try {
      byte[] magic = new byte[4];
      try (InputStream in = Files.newInputStream(file)) {
        if (in.readNBytes(magic, 0, 4) < 4 || magic[0] != 'P' || magic[1] != 'K') {
          throw new CheckpointException(
              file
                  + ": not a zip archive; this is probably the legacy torch.save format (PyTorch <"
                  + " 1.6), which is not supported: re-save it with a recent PyTorch or convert it"
                  + " to safetensors");
        }
      }
      try (ZipFile zip = new ZipFile(file.toFile())) {
        List<String> pickles = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (name.endsWith("/data.pkl")
              && name.indexOf('/') == name.length() - "/data.pkl".length()) {
            pickles.add(name);
          }
        }
        if (pickles.size() != 1) {
          throw new CheckpointException(
              file
                  + ": expected exactly one <archive>/data.pkl entry in the zip, found "
                  + pickles);
        }
        String pkl = pickles.get(0);
        String prefix = pkl.substring(0, pkl.length() - "data.pkl".length());
        ZipEntry order = zip.getEntry(prefix + "byteorder");
        if (order != null) {
          String bo =
              new String(zip.getInputStream(order).readAllBytes(), StandardCharsets.US_ASCII)
                  .trim();
          if (!bo.equals("little")) {
            throw new CheckpointException(
                file
                    + ": storages are "
                    + bo
                    + "-endian; only little-endian checkpoints are supported");
          }
        }
        byte[] pickle = zip.getInputStream(zip.getEntry(pkl)).readAllBytes();
        return new TorchZip(
            file, prefix, TorchPickle.readStateDict(file + " (" + pkl + ")", pickle));
      }
    } catch (NoSuchFileException e) {
      throw new CheckpointException(file + ": no such file", e);
    } catch (ZipException e) {
      throw new CheckpointException(file + ": corrupt zip archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  Map<String, TensorInfo> tensors() {
    return infos;
  }

  TensorSource.StorageView view(String name) {
    return views.get(name);
  }

  /** Reads storage {@code key} whole, checking its size against what the pickle declared. */
  ByteBuffer storageBytes(String key) {
    String entryName = prefix + "data/" + key;
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry entry = zip.getEntry(entryName);
      if (!storages.containsKey(key)) {
        throw new CheckpointException(file + ": no tensor refers to storage " + key);
      }
      if (entry == null) {
        throw new CheckpointException(
            file + ": storage entry " + entryName + " is missing from the zip");
      }
      if (entry.getSize() > Integer.MAX_VALUE) {
        throw new CheckpointException(
            file
                + ": storage "
                + entryName
                + " is "
                + entry.getSize()
                + " bytes, over the 2 GiB one buffer holds; convert the checkpoint to safetensors");
      }
      byte[] bytes = zip.getInputStream(entry).readAllBytes();
      long declared = declaredBytes(key);
      if (bytes.length != declared) {
        throw new CheckpointException(
            file
                + ": storage "
                + entryName
                + " has "
                + bytes.length
                + " bytes but the pickle declares "
                + declared
                + " (truncated or corrupt file)");
      }
      return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new CheckpointException(
          file + ": cannot read storage " + entryName + ": " + e.getMessage(), e);
    }
  }

  private long declaredBytes(String key) {
    TorchPickle.StorageRef ref = storages.get(key);
    return ref.numel() * ref.dtype().byteSize();
  }
}
