package dev.coderl4j.models.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Writes weights as a Hugging Face folder ({@code model.safetensors} + {@code config.json} +
 * tokenizer files) that {@link Checkpoint} and {@code transformers} load again.
 *
 * <p>Every file is written to a temporary name in the target folder and then moved over the final
 * name, so a crash leaves either the old file or the new one, never half of one. Tensors are
 * written in name order with 8-byte aligned data, and {@code __metadata__} carries {@code "format":
 * "pt"}, which {@code transformers} requires of safetensors files. Names are written as given; tied
 * arrays passed under several names are written once per name (safetensors has no aliasing).
 */
public final class CheckpointWriter {
  /** Tokenizer and generation files copied from the source folder when present. */
  public static final List<String> COMPANION_FILES =
      List.of(
          HfTokenizer.TOKENIZER_JSON,
          HfTokenizer.TOKENIZER_CONFIG,
          HfTokenizer.SPECIAL_TOKENS_MAP,
          HfTokenizer.VOCAB_JSON,
          HfTokenizer.MERGES_TXT,
          HfTokenizer.ADDED_TOKENS,
          "generation_config.json");

  private CheckpointWriter() {}

  /**
   * Saves {@code weights} as float32 safetensors, with {@code configJson} and the tokenizer files
   * of {@code tokenizerSourceDir} (null for none).
   *
   * @throws CheckpointException if the config is not a JSON object, the source folder has no
   *     tokenizer, or a file cannot be written
   */
  public static void save(
      Path dir, Map<String, NDArray> weights, String configJson, Path tokenizerSourceDir) {
    save(dir, weights, configJson, tokenizerSourceDir, TensorDType.F32);
  }

  /**
   * Saves as {@link #save(Path, Map, String, Path)} does, with floating-point tensors stored as
   * {@code floatType} (F32, F16, BF16 or F64; BF16 rounds to nearest-even as PyTorch does); the
   * config's {@code torch_dtype}/{@code dtype} is left as given.
   */
  public static void save(
      Path dir,
      Map<String, NDArray> weights,
      String configJson,
      Path tokenizerSourceDir,
      TensorDType floatType) {
    Objects.requireNonNull(configJson, "configJson");
    try {
      JsonNode node = new ObjectMapper().readTree(configJson);
      if (node == null || !node.isObject()) {
        throw new CheckpointException("config for " + dir + " must be a JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new CheckpointException(
          "config for " + dir + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    List<Path> companions = new ArrayList<>();
    if (tokenizerSourceDir != null) {
      boolean hasTokenizer =
          Files.isRegularFile(tokenizerSourceDir.resolve(HfTokenizer.TOKENIZER_JSON))
              || (Files.isRegularFile(tokenizerSourceDir.resolve(HfTokenizer.VOCAB_JSON))
                  && Files.isRegularFile(tokenizerSourceDir.resolve(HfTokenizer.MERGES_TXT)));
      if (!hasTokenizer) {
        throw new CheckpointException(
            "tokenizer source "
                + tokenizerSourceDir
                + " has neither "
                + HfTokenizer.TOKENIZER_JSON
                + " nor "
                + HfTokenizer.VOCAB_JSON
                + " + "
                + HfTokenizer.MERGES_TXT);
      }
      for (String name : COMPANION_FILES) {
        Path p = tokenizerSourceDir.resolve(name);
        if (Files.isRegularFile(p)) {
          companions.add(p);
        }
      }
    }
    try {
      Files.createDirectories(dir);
      writeSafetensors(
          dir.resolve(Checkpoint.SAFETENSORS), weights, Map.of("format", "pt"), floatType);
      writeAtomically(dir.resolve(Checkpoint.CONFIG), configJson.getBytes(StandardCharsets.UTF_8));
      for (Path p : companions) {
        Path target = dir.resolve(p.getFileName().toString());
        if (!Files.exists(target) || !Files.isSameFile(p, target)) {
          writeAtomically(target, Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(
          "cannot write checkpoint folder " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes one safetensors file; floating-point arrays are stored as {@code floatType}, others in
   * their own type.
   *
   * @param metadata the header's {@code __metadata__} strings
   * @throws CheckpointException on an empty name, an array type with no safetensors counterpart, or
   *     an I/O error
   */
  public static void writeSafetensors(
      Path file,
      Map<String, NDArray> tensors,
      Map<String, String> metadata,
      TensorDType floatType) {
    Objects.requireNonNull(floatType, "floatType");
    if (!floatType.isFloatingPoint()) {
      throw new IllegalArgumentException(
          "floatType must be F16, BF16, F32 or F64, not " + floatType);
    }
    write(file, tensors, metadata, floatType);
  }

  /**
   * Writes one safetensors file, every array in its own type (e.g. a batch of ids and its logits).
   */
  public static void writeSafetensors(
      Path file, Map<String, NDArray> tensors, Map<String, String> metadata) {
    write(file, tensors, metadata, null);
  }

  private static void write(
      Path file,
      Map<String, NDArray> tensors,
      Map<String, String> metadata,
      TensorDType floatType) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode header = json.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode m = header.putObject("__metadata__");
      new TreeMap<>(metadata).forEach(m::put);
    }
    Map<String, TensorDType> types = new LinkedHashMap<>();
    long offset = 0;
    for (Map.Entry<String, NDArray> e : new TreeMap<>(tensors).entrySet()) {
      String name = e.getKey();
      if (name.isEmpty() || name.equals("__metadata__")) {
        throw new CheckpointException("cannot write a tensor named \"" + name + "\" to " + file);
      }
      NDArray a = e.getValue();
      TensorDType stored = TensorDType.fromDjl(a.getDataType());
      TensorDType target = stored.isFloatingPoint() && floatType != null ? floatType : stored;
      types.put(name, target);
      long bytes = Math.multiplyExact(a.getShape().size(), target.byteSize());
      ObjectNode t = header.putObject(name);
      t.put("dtype", target.safetensorsName());
      var shape = t.putArray("shape");
      for (long d : a.getShape().getShape()) {
        shape.add(d);
      }
      t.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] headerBytes;
    try {
      headerBytes = json.writeValueAsBytes(header);
    } catch (JsonProcessingException e) {
      throw new CheckpointException(
          "cannot encode the header of " + file + ": " + e.getMessage(), e);
    }
    // Pad the header with spaces so the data starts 8-byte aligned, as the safetensors library
    // does.
    int padded = (headerBytes.length + 7) / 8 * 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(headerBytes);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    head.flip();
    Path tmp = temporarySibling(file);
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        writeFully(ch, head);
        for (Map.Entry<String, TensorDType> e : types.entrySet()) {
          writeFully(ch, bytesOf(tensors.get(e.getKey()), e.getValue()));
        }
        ch.force(true);
      }
      moveIntoPlace(tmp, file);
    } catch (IOException e) {
      throw new CheckpointException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // The temporary file is already gone or will be overwritten by the next attempt.
      }
    }
  }

  /** The little-endian bytes of {@code a} as {@code type}. */
  private static ByteBuffer bytesOf(NDArray a, TensorDType type) {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new CheckpointException(
          "writing checkpoints on a big-endian machine is not implemented");
    }
    if (a.getShape().size() == 0) {
      return ByteBuffer.allocate(0);
    }
    if (type == TensorDType.BF16) {
      // Narrowed here because DJL's PyTorch engine cannot hold bfloat16 arrays.
      float[] values = a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : widen(a);
      ByteBuffer out = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        out.putShort(TensorLoader.toBf16(v));
      }
      return out.flip();
    }
    DataType target = type.djl();
    if (a.getDataType() == target) {
      return a.toByteBuffer();
    }
    try (NDArray converted = a.toType(target, true)) {
      return converted.toByteBuffer();
    }
  }

  private static float[] widen(NDArray a) {
    try (NDArray f = a.toType(DataType.FLOAT32, true)) {
      return f.toFloatArray();
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }

  private static Path temporarySibling(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      return Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw new CheckpointException(
          "cannot create a temporary file beside " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = temporarySibling(file);
    try {
      Files.write(tmp, bytes);
      moveIntoPlace(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void moveIntoPlace(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
