package dev.coderl4j.models.hf;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A Hugging Face model folder: {@code config.json} and weights in one of the formats the hub uses.
 *
 * <p>Weights are looked for in the order {@code transformers} prefers them: {@code
 * model.safetensors}, then sharded safetensors ({@code model.safetensors.index.json}), then {@code
 * pytorch_model.bin}, then a sharded {@code pytorch_model.bin.index.json}. Opening reads headers
 * only; {@link #load} reads the data. Names are exactly those in the files. Ties are kept as the
 * file has them: a safetensors file stores a tied tensor once under one name (T5's {@code
 * shared.weight}), so the model code resolves the other names from its config; in a {@code .bin}
 * every tied name is present, and names that view the same storage bytes load as one {@link
 * NDArray} instance.
 */
public final class Checkpoint {
  /** The single-file safetensors weights. */
  public static final String SAFETENSORS = "model.safetensors";

  /** The index of sharded safetensors weights. */
  public static final String SAFETENSORS_INDEX = "model.safetensors.index.json";

  /** The PyTorch zip/pickle weights. */
  public static final String PYTORCH_BIN = "pytorch_model.bin";

  /** The index of sharded PyTorch weights. */
  public static final String PYTORCH_BIN_INDEX = "pytorch_model.bin.index.json";

  /** The model configuration. */
  public static final String CONFIG = "config.json";

  private final Path dir;
  private final String configJson;
  private final Path weightsFile;
  private final Map<String, TensorInfo> infos;
  private final Map<String, TensorSource> sources;

  private Checkpoint(
      Path dir,
      String configJson,
      Path weightsFile,
      Map<String, TensorInfo> infos,
      Map<String, TensorSource> sources) {
    this.dir = dir;
    this.configJson = configJson;
    this.weightsFile = weightsFile;
    this.infos = Collections.unmodifiableMap(infos);
    this.sources = sources;
  }

  /**
   * Opens a model folder, checking that it has a readable {@code config.json} and weights whose
   * headers are valid.
   *
   * @throws CheckpointException naming the folder and what is missing or malformed
   */
  public static Checkpoint open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new CheckpointException(
          "checkpoint folder "
              + dir
              + " does not exist or is not a folder (pass the folder that holds"
              + " config.json and the weights, as downloaded from the Hugging Face hub)");
    }
    Path config = dir.resolve(CONFIG);
    if (!Files.isRegularFile(config)) {
      throw new CheckpointException(
          "checkpoint folder " + dir + " has no " + CONFIG + " (found: " + listing(dir) + ")");
    }
    String configJson;
    try {
      configJson = Files.readString(config, StandardCharsets.UTF_8);
      JsonNode node = new ObjectMapper().readTree(configJson);
      if (node == null || !node.isObject()) {
        throw new CheckpointException(config + " must hold a JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new CheckpointException(config + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + config + ": " + e.getMessage(), e);
    }
    Map<String, TensorInfo> infos = new LinkedHashMap<>();
    Map<String, TensorSource> sources = new LinkedHashMap<>();
    Path weights;
    if (Files.isRegularFile(dir.resolve(SAFETENSORS))) {
      weights = dir.resolve(SAFETENSORS);
      addSafetensors(SafetensorsFile.open(weights), infos, sources);
    } else if (Files.isRegularFile(dir.resolve(SAFETENSORS_INDEX))) {
      weights = dir.resolve(SAFETENSORS_INDEX);
      readIndex(dir, weights, true, infos, sources);
    } else if (Files.isRegularFile(dir.resolve(PYTORCH_BIN))) {
      weights = dir.resolve(PYTORCH_BIN);
      addTorch(TorchZip.open(weights), infos, sources);
    } else if (Files.isRegularFile(dir.resolve(PYTORCH_BIN_INDEX))) {
      weights = dir.resolve(PYTORCH_BIN_INDEX);
      readIndex(dir, weights, false, infos, sources);
    } else {
      throw new CheckpointException(
          "checkpoint folder "
              + dir
              + " has no weights: expected one of "
              + SAFETENSORS
              + ", "
              + SAFETENSORS_INDEX
              + " (sharded) or "
              + PYTORCH_BIN
              + " (found: "
              + listing(dir)
              + ")");
    }
    return new Checkpoint(dir, configJson, weights, infos, sources);
  }

  private static void addSafetensors(
      SafetensorsFile f, Map<String, TensorInfo> infos, Map<String, TensorSource> sources) {
    f.tensors()
        .forEach(
            (name, info) -> {
              infos.put(name, info);
              sources.put(name, f.slice(name));
            });
  }

  private static void addTorch(
      TorchZip z, Map<String, TensorInfo> infos, Map<String, TensorSource> sources) {
    z.tensors()
        .forEach(
            (name, info) -> {
              infos.put(name, info);
              sources.put(name, z.view(name));
            });
  }

  /** Reads a shard index ({@code {"weight_map": {name: file}}}) and every shard it names. */
  private static void readIndex(
      Path dir,
      Path index,
      boolean safetensors,
      Map<String, TensorInfo> infos,
      Map<String, TensorSource> sources) {
    JsonNode map;
    try {
      map =
          new ObjectMapper()
              .readTree(Files.readString(index, StandardCharsets.UTF_8))
              .path("weight_map");
    } catch (JsonProcessingException e) {
      throw new CheckpointException(index + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CheckpointException("cannot read " + index + ": " + e.getMessage(), e);
    }
    if (!map.isObject() || map.isEmpty()) {
      throw new CheckpointException(
          index + " must have a non-empty \"weight_map\" object of name -> shard file");
    }
    Map<String, List<String>> byShard = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String shard = e.getValue().asText();
      if (!e.getValue().isTextual()
          || shard.isEmpty()
          || shard.contains("/")
          || shard.contains("\\")
          || shard.equals("..")
          || shard.equals(".")) {
        throw new CheckpointException(
            index
                + ": shard of "
                + e.getKey()
                + " must be a file name in the same folder, found "
                + e.getValue());
      }
      byShard.computeIfAbsent(shard, k -> new ArrayList<>()).add(e.getKey());
    }
    for (Map.Entry<String, List<String>> e : byShard.entrySet()) {
      Path shard = dir.resolve(e.getKey());
      if (!Files.isRegularFile(shard)) {
        throw new CheckpointException(
            index
                + " names shard "
                + e.getKey()
                + " but "
                + dir
                + " has no such file (found: "
                + listing(dir)
                + ")");
      }
      Map<String, TensorInfo> shardInfos = new LinkedHashMap<>();
      Map<String, TensorSource> shardSources = new LinkedHashMap<>();
      if (safetensors) {
        addSafetensors(SafetensorsFile.open(shard), shardInfos, shardSources);
      } else {
        addTorch(TorchZip.open(shard), shardInfos, shardSources);
      }
      Set<String> expected = new LinkedHashSet<>(e.getValue());
      for (String name : expected) {
        if (!shardInfos.containsKey(name)) {
          throw new CheckpointException(
              index
                  + " places parameter "
                  + name
                  + " in "
                  + shard
                  + ", but that file lacks it (found: "
                  + TensorLoader.preview(shardInfos.keySet())
                  + ")");
        }
      }
      for (String name : shardInfos.keySet()) {
        if (!expected.contains(name)) {
          throw new CheckpointException(
              shard
                  + " holds parameter "
                  + name
                  + " that "
                  + index
                  + " does not list (index and shards disagree;"
                  + " regenerate the index)");
        }
      }
      for (String name : e.getValue()) {
        infos.put(name, shardInfos.get(name));
        sources.put(name, shardSources.get(name));
      }
    }
  }

  private static String listing(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      return names.isEmpty() ? "nothing" : String.join(", ", names);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  /** The folder this checkpoint was opened from. */
  public Path dir() {
    return dir;
  }

  /** The raw text of {@code config.json} (checked to be a JSON object). */
  public String configJson() {
    return configJson;
  }

  /** The weights file that was chosen (for sharded checkpoints, the index). */
  public Path weightsFile() {
    return weightsFile;
  }

  /** Every parameter name, in file order. */
  public Set<String> parameterNames() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(infos.keySet()));
  }

  /** The stored dtype, shape and file of every parameter, in file order, without loading data. */
  public Map<String, TensorInfo> tensors() {
    return infos;
  }

  /**
   * Loads every tensor. Floating-point tensors are converted to {@code dtype} (F16 and BF16 on disk
   * convert exactly to F32); integer and boolean tensors (e.g. attention-mask buffers in old
   * checkpoints) keep their own type. In a {@code .bin}, names that view the same bytes of one
   * storage map to the same array instance.
   *
   * @param dtype {@link DataType#FLOAT32} normally, or float16 / float64; not bfloat16, which DJL's
   *     PyTorch engine cannot hold (bfloat16 weights load exactly as float32)
   * @throws CheckpointException if data is truncated or inconsistent with the header
   */
  public Map<String, NDArray> load(NDManager manager, DataType dtype) {
    TensorLoader.checkFloatType(dtype);
    Map<TensorLoader.StorageId, Integer> remaining = new HashMap<>();
    for (TensorSource s : sources.values()) {
      if (s instanceof TensorSource.StorageView v) {
        remaining.merge(new TensorLoader.StorageId(v.zip(), v.storageKey()), 1, Integer::sum);
      }
    }
    TensorLoader loader = new TensorLoader();
    Map<Object, NDArray> views = new HashMap<>();
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, TensorSource> e : sources.entrySet()) {
      TensorInfo info = infos.get(e.getKey());
      NDArray array =
          switch (e.getValue()) {
            case TensorSource.FileSlice s -> loader.load(manager, info, s, dtype);
            case TensorSource.StorageView v -> {
              TensorLoader.StorageId id = new TensorLoader.StorageId(v.zip(), v.storageKey());
              record ViewKey(
                  TensorLoader.StorageId id, long offset, List<Long> shape, List<Long> strides) {}
              NDArray a =
                  views.computeIfAbsent(
                      new ViewKey(id, v.storageOffset(), info.shape(), v.strides()),
                      k -> loader.load(manager, info, v, dtype));
              if (remaining.merge(id, -1, Integer::sum) == 0) {
                loader.release(id);
              }
              yield a;
            }
          };
      out.put(e.getKey(), array);
    }
    return out;
  }

  /**
   * Returns {@code weights.get(name)} after checking that it exists and has shape {@code expected}.
   *
   * @throws CheckpointException "parameter NAME missing from FILE (found: ...)" or "parameter NAME:
   *     expected shape X, found Y in FILE"
   */
  public NDArray require(Map<String, NDArray> weights, String name, Shape expected) {
    NDArray a = weights.get(name);
    if (a == null) {
      throw new CheckpointException(
          "parameter "
              + name
              + " missing from "
              + weightsFile
              + " (found: "
              + TensorLoader.preview(new TreeSet<>(weights.keySet()))
              + ")");
    }
    if (!a.getShape().equals(expected)) {
      TensorInfo info = infos.get(name);
      Path file = info == null ? weightsFile : info.file();
      throw new CheckpointException(
          "parameter "
              + name
              + ": expected shape "
              + expected
              + ", found "
              + a.getShape()
              + " in "
              + file);
    }
    return a;
  }

  @Override
  public String toString() {
    return "Checkpoint[" + weightsFile + ", " + infos.size() + " tensors]";
  }
}
