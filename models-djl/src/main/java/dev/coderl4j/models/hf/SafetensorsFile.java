package dev.coderl4j.models.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .safetensors} file: its header parsed and checked, its tensors loaded on request.
 *
 * <p>The format is an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
 * shape and byte range, then the raw little-endian data. We read it ourselves rather than through
 * DJL's {@code NDList.decode} because that reads only files under 2 GB and checks nothing about
 * names; here offsets are longs and every byte range is checked against the file before use.
 */
public final class SafetensorsFile {
  /** The safetensors library refuses headers over 100 MB; so do we, before allocating them. */
  static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  private final Path file;
  private final Map<String, String> metadata;
  private final Map<String, TensorInfo> infos;
  private final Map<String, TensorSource.FileSlice> slices;

  private SafetensorsFile(
      Path file,
      Map<String, String> metadata,
      Map<String, TensorInfo> infos,
      Map<String, TensorSource.FileSlice> slices) {
    this.file = file;
    this.metadata = metadata;
    this.infos = infos;
    this.slices = slices;
  }

  /**
   * Reads and validates the header of {@code file}.
   *
   * @throws CheckpointException if the file is missing, truncated, or its header is malformed (bad
   *     JSON, unknown dtype, byte ranges that do not match the shapes, overlap, leave holes, or run
   *     past the end of the file)
   */
  public static SafetensorsFile open(Path file) {
    long fileSize;
    ByteBuffer headerBytes;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      fileSize = ch.size();
      if (fileSize < 8) {
        throw new CheckpointException(
            file
                + ": truncated safetensors file: "
                + fileSize
                + " bytes, fewer than the 8-byte header length");
      }
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, len, 0, file);
      long n = len.getLong(0);
      if (n <= 0 || n > MAX_HEADER_BYTES) {
        throw new CheckpointException(
            file
                + ": safetensors header length "
                + Long.toUnsignedString(n)
                + " is outside 1.."
                + MAX_HEADER_BYTES
                + "; this is not a safetensors file or it is corrupt");
      }
      if (8 + n > fileSize) {
        throw new CheckpointException(
            file
                + ": truncated safetensors file: the header needs "
                + (8 + n)
                + " bytes but the file has "
                + fileSize
                + " (download it again)");
      }
      headerBytes = ByteBuffer.allocate((int) n);
      readFully(ch, headerBytes, 8, file);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(file + ": no such safetensors file", e);
    } catch (IOException e) {
      throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
    }
    long dataStart = 8 + headerBytes.capacity();
    String json = new String(headerBytes.array(), StandardCharsets.UTF_8);
    return parse(file, json, dataStart, fileSize);
  }

  private static void readFully(FileChannel ch, ByteBuffer dst, long position, Path file)
      throws IOException {
    long pos = position;
    while (dst.hasRemaining()) {
      int r = ch.read(dst, pos);
      if (r < 0) {
        throw new CheckpointException(file + ": unexpected end of file at byte " + pos);
      }
      pos += r;
    }
  }

  private static SafetensorsFile parse(Path file, String json, long dataStart, long fileSize) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new CheckpointException(
          file + ": safetensors header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CheckpointException(file + ": safetensors header must be a JSON object");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, TensorInfo> infos = new LinkedHashMap<>();
    Map<String, long[]> ranges = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (name.equals("__metadata__")) {
        if (!v.isObject()) {
          throw new CheckpointException(file + ": __metadata__ must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> m : v.properties()) {
          if (!m.getValue().isTextual()) {
            throw new CheckpointException(
                file + ": __metadata__ value of \"" + m.getKey() + "\" must be a string");
          }
          metadata.put(m.getKey(), m.getValue().asText());
        }
        continue;
      }
      String where = file + ": tensor " + name;
      if (!v.isObject()
          || !v.path("dtype").isTextual()
          || !v.path("shape").isArray()
          || !v.path("data_offsets").isArray()
          || v.path("data_offsets").size() != 2) {
        throw new CheckpointException(
            where
                + ": header entry must have \"dtype\" (string), \"shape\" (array) and"
                + " \"data_offsets\" ([begin, end]); found "
                + v);
      }
      TensorDType dtype = TensorDType.fromSafetensors(v.get("dtype").asText(), where);
      List<Long> shape = new ArrayList<>();
      for (JsonNode d : v.get("shape")) {
        if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
          throw new CheckpointException(
              where + ": shape entries must be non-negative integers; found " + v.get("shape"));
        }
        shape.add(d.asLong());
      }
      JsonNode off = v.get("data_offsets");
      if (!off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()) {
        throw new CheckpointException(where + ": data_offsets must be integers; found " + off);
      }
      long begin = off.get(0).asLong();
      long end = off.get(1).asLong();
      TensorInfo info = new TensorInfo(name, dtype, shape, file);
      long expected;
      try {
        expected = info.byteCount();
      } catch (ArithmeticException ex) {
        throw new CheckpointException(where + ": shape " + shape + " is too large", ex);
      }
      if (begin < 0 || end < begin || end - begin != expected) {
        throw new CheckpointException(
            where
                + ": data_offsets "
                + off
                + " span "
                + (end - begin)
                + " bytes, but dtype "
                + dtype.safetensorsName()
                + " and shape "
                + shape
                + " need "
                + expected);
      }
      if (dataStart + end > fileSize) {
        throw new CheckpointException(
            where
                + ": data ends at byte "
                + (dataStart + end)
                + " but the file has "
                + fileSize
                + " bytes: the file is truncated (download it again)");
      }
      infos.put(name, info);
      ranges.put(name, new long[] {begin, end});
    }
    checkCoverage(file, ranges, fileSize - dataStart);
    Map<String, TensorSource.FileSlice> slices = new LinkedHashMap<>();
    ranges.forEach(
        (name, r) ->
            slices.put(name, new TensorSource.FileSlice(file, dataStart + r[0], r[1] - r[0])));
    return new SafetensorsFile(
        file, Collections.unmodifiableMap(metadata), Collections.unmodifiableMap(infos), slices);
  }

  /**
   * Byte ranges must tile the data area without overlap or holes, as the safetensors spec requires.
   */
  private static void checkCoverage(Path file, Map<String, long[]> ranges, long dataBytes) {
    List<Map.Entry<String, long[]>> sorted = new ArrayList<>(ranges.entrySet());
    sorted.sort(
        Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
            .thenComparingLong(e -> e.getValue()[1]));
    long pos = 0;
    String previous = null;
    for (Map.Entry<String, long[]> e : sorted) {
      long[] r = e.getValue();
      if (r[0] < pos) {
        throw new CheckpointException(
            file + ": tensors " + previous + " and " + e.getKey() + " overlap in the data area");
      }
      if (r[0] > pos) {
        throw new CheckpointException(
            file
                + ": hole in the data area before tensor "
                + e.getKey()
                + " (bytes "
                + pos
                + ".."
                + r[0]
                + " belong to no tensor)");
      }
      pos = r[1];
      previous = e.getKey();
    }
    if (pos != dataBytes) {
      throw new CheckpointException(
          file
              + ": the header accounts for "
              + pos
              + " data bytes but the file has "
              + dataBytes
              + " after the header (truncated or trailing garbage)");
    }
  }

  /** The file this was read from. */
  public Path file() {
    return file;
  }

  /** The {@code __metadata__} strings of the header (empty if there were none). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Every tensor's description, in header order. */
  public Map<String, TensorInfo> tensors() {
    return infos;
  }

  /**
   * Loads one tensor. Floating-point tensors become {@code floatType}; integer and boolean tensors
   * keep their own type.
   *
   * @throws CheckpointException if {@code name} is not in the file (the message lists what is)
   */
  public NDArray load(NDManager manager, String name, DataType floatType) {
    TensorInfo info = infos.get(name);
    if (info == null) {
      throw new CheckpointException(
          "tensor "
              + name
              + " missing from "
              + file
              + " (found: "
              + TensorLoader.preview(infos.keySet())
              + ")");
    }
    return TensorLoader.toNDArray(manager, info, slices.get(name), floatType);
  }

  /** Loads every tensor (see {@link #load(NDManager, String, DataType)}), in header order. */
  public Map<String, NDArray> loadAll(NDManager manager, DataType floatType) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (String name : infos.keySet()) {
      out.put(name, load(manager, name, floatType));
    }
    return out;
  }

  TensorSource.FileSlice slice(String name) {
    return slices.get(name);
  }
}
