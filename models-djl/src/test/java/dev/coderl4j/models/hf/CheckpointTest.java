package dev.coderl4j.models.hf;

import static dev.coderl4j.models.hf.TensorAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static NDManager manager;

  @BeforeAll
  static void start() {
    manager = HfFixtures.manager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  /** A folder with tiny-t5's config and only its pytorch_model.bin, so the .bin route is taken. */
  private static Path binOnly(Path tmp) throws IOException {
    Path t5 = HfFixtures.fixture("tiny-t5");
    Path dir = Files.createDirectories(tmp.resolve("bin"));
    Files.copy(t5.resolve("config.json"), dir.resolve("config.json"));
    Files.copy(t5.resolve("pytorch_model.bin"), dir.resolve("pytorch_model.bin"));
    return dir;
  }

  @Test
  void safetensorsAndPytorchBinOfTinyT5AreBitIdentical(@TempDir Path tmp) throws IOException {
    Checkpoint st = Checkpoint.open(HfFixtures.fixture("tiny-t5"));
    Checkpoint bin = Checkpoint.open(binOnly(tmp));
    assertEquals(Checkpoint.SAFETENSORS, st.weightsFile().getFileName().toString());
    assertEquals(Checkpoint.PYTORCH_BIN, bin.weightsFile().getFileName().toString());
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> a = st.load(m, DataType.FLOAT32);
      Map<String, NDArray> b = bin.load(m, DataType.FLOAT32);
      assertTrue(b.keySet().containsAll(a.keySet()), "every safetensors name is in the .bin");
      for (String name : a.keySet()) {
        assertBitIdentical(a.get(name), b.get(name), name);
      }
      // The .bin keeps every tied name, and they share one storage: one array instance.
      Set<String> extra = new TreeSet<>(b.keySet());
      extra.removeAll(a.keySet());
      assertEquals(
          Set.of("decoder.embed_tokens.weight", "encoder.embed_tokens.weight", "lm_head.weight"),
          extra);
      for (String tied : extra) {
        assertSame(b.get("shared.weight"), b.get(tied), tied + " is tied to shared.weight");
      }
      assertEquals(new Shape(8192, 64), a.get("shared.weight").getShape());
    }
  }

  @Test
  void safetensorsStoresTheTiedT5EmbeddingOnce() {
    // The fixture folder has both formats; safetensors wins, and stores shared.weight only.
    Checkpoint st = Checkpoint.open(HfFixtures.fixture("tiny-t5"));
    assertTrue(st.parameterNames().contains("shared.weight"));
    assertTrue(!st.parameterNames().contains("lm_head.weight"));
    assertTrue(!st.parameterNames().contains("encoder.embed_tokens.weight"));
  }

  @Test
  void defaultActorLoadsFromBfloat16(@TempDir Path tmp) {
    Checkpoint c = Checkpoint.open(HfFixtures.defaultActor());
    assertTrue(
        c.tensors().values().stream().allMatch(t -> t.dtype() == TensorDType.BF16),
        "stored as bfloat16");
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> f32 = c.load(m, DataType.FLOAT32);
      Map<String, NDArray> f16 = c.load(m, DataType.FLOAT16);
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> c.load(m, DataType.BFLOAT16));
      assertTrue(refused.getMessage().contains("load as float32"), refused.getMessage());
      assertEquals(c.parameterNames(), f32.keySet());
      NDArray shared = c.require(f32, "shared.weight", new Shape(8192, 256));
      assertEquals(DataType.FLOAT32, shared.getDataType());
      // bfloat16 -> float32 is exact: the float's bits are the bfloat16's bits shifted left by 16.
      ByteBuffer raw = rawBytes(c, "shared.weight");
      float[] loaded = shared.toFloatArray();
      for (int i = 0; i < loaded.length; i++) {
        int bits = (raw.getShort(2 * i) & 0xffff) << 16;
        assertEquals(bits, Float.floatToRawIntBits(loaded[i]), "element " + i);
      }
      for (String name : c.parameterNames()) {
        assertEquals(DataType.FLOAT16, f16.get(name).getDataType());
        assertBitIdentical(f32.get(name).toType(DataType.FLOAT16, true), f16.get(name), name);
      }
      assertTrue(shared.abs().sum().getFloat() > 0, "weights are not all zero");
    }
  }

  private static ByteBuffer rawBytes(Checkpoint c, String name) {
    TensorInfo info = c.tensors().get(name);
    SafetensorsFile f = SafetensorsFile.open(info.file());
    TensorSource.FileSlice s = f.slice(name);
    return TensorSource.map(s.file(), s.offset(), s.length()).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void shardedSafetensorsLoadLikeTheSingleFile(@TempDir Path tmp) throws IOException {
    Path t5 = HfFixtures.fixture("tiny-t5");
    Path dir = Files.createDirectories(tmp.resolve("sharded"));
    Files.copy(t5.resolve("config.json"), dir.resolve("config.json"));
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> all = Checkpoint.open(t5).load(m, DataType.FLOAT32);
      Map<String, NDArray> first = new LinkedHashMap<>();
      Map<String, NDArray> second = new LinkedHashMap<>();
      StringBuilder index =
          new StringBuilder("{\"metadata\": {\"total_size\": 0}, \"weight_map\": {");
      int i = 0;
      for (Map.Entry<String, NDArray> e : all.entrySet()) {
        boolean inFirst = e.getKey().startsWith("encoder");
        (inFirst ? first : second).put(e.getKey(), e.getValue());
        index
            .append(i++ == 0 ? "" : ",")
            .append('"')
            .append(e.getKey())
            .append("\": \"")
            .append(
                inFirst ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors")
            .append('"');
      }
      index.append("}}");
      CheckpointWriter.writeSafetensors(
          dir.resolve("model-00001-of-00002.safetensors"), first, Map.of("format", "pt"));
      CheckpointWriter.writeSafetensors(
          dir.resolve("model-00002-of-00002.safetensors"), second, Map.of("format", "pt"));
      Files.writeString(dir.resolve(Checkpoint.SAFETENSORS_INDEX), index);

      Checkpoint sharded = Checkpoint.open(dir);
      assertEquals(Checkpoint.SAFETENSORS_INDEX, sharded.weightsFile().getFileName().toString());
      Map<String, NDArray> loaded = sharded.load(m, DataType.FLOAT32);
      assertEquals(all.keySet(), loaded.keySet());
      for (String name : all.keySet()) {
        assertBitIdentical(all.get(name), loaded.get(name), name);
      }
      assertEquals(
          "model-00001-of-00002.safetensors",
          sharded.tensors().get("encoder.final_layer_norm.weight").file().getFileName().toString());

      // An index that places a tensor in the wrong shard is refused, naming both.
      Files.writeString(
          dir.resolve(Checkpoint.SAFETENSORS_INDEX),
          index
              .toString()
              .replace("\"shared.weight\": \"model-00002", "\"shared.weight\": \"model-00001"));
      CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(dir));
      // Shard 2 holds a tensor the index does not place there, or shard 1 lacks one it does: both
      // are named.
      assertTrue(
          e.getMessage().contains("shared.weight")
              && (e.getMessage().contains("does not list") || e.getMessage().contains("lacks it")),
          e.getMessage());
      Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
      Files.writeString(dir.resolve(Checkpoint.SAFETENSORS_INDEX), index);
      e = assertThrows(CheckpointException.class, () -> Checkpoint.open(dir));
      assertTrue(
          e.getMessage().contains("names shard model-00002-of-00002.safetensors"), e.getMessage());
    }
  }

  @Test
  void missingFolderConfigOrWeightsAreNamed(@TempDir Path tmp) throws IOException {
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> Checkpoint.open(tmp.resolve("nope")));
    assertTrue(
        e.getMessage().contains("nope") && e.getMessage().contains("does not exist"),
        e.getMessage());

    Files.writeString(tmp.resolve("tokenizer.json"), "{}");
    e = assertThrows(CheckpointException.class, () -> Checkpoint.open(tmp));
    assertTrue(
        e.getMessage().contains("has no config.json")
            && e.getMessage().contains("found: tokenizer.json"),
        e.getMessage());

    Files.writeString(tmp.resolve("config.json"), "{\"model_type\": \"t5\"}");
    e = assertThrows(CheckpointException.class, () -> Checkpoint.open(tmp));
    assertTrue(
        e.getMessage().contains("has no weights")
            && e.getMessage().contains("model.safetensors")
            && e.getMessage().contains("pytorch_model.bin")
            && e.getMessage().contains(tmp.toString()),
        e.getMessage());

    Files.writeString(tmp.resolve("config.json"), "{\"model_type\": ");
    e = assertThrows(CheckpointException.class, () -> Checkpoint.open(tmp));
    assertTrue(e.getMessage().contains("config.json is not valid JSON"), e.getMessage());
  }

  @Test
  void requireNamesParameterShapesAndFile() {
    Checkpoint c = Checkpoint.open(HfFixtures.fixture("tiny-t5"));
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> w = c.load(m, DataType.FLOAT32);
      assertEquals(
          new Shape(64, 64),
          c.require(w, "encoder.block.0.layer.0.SelfAttention.q.weight", new Shape(64, 64))
              .getShape());
      CheckpointException e =
          assertThrows(
              CheckpointException.class,
              () ->
                  c.require(
                      w, "encoder.block.0.layer.0.SelfAttention.q.weight", new Shape(32, 64)));
      assertEquals(
          "parameter encoder.block.0.layer.0.SelfAttention.q.weight: expected shape (32, 64), found"
              + " (64, 64) in "
              + c.weightsFile(),
          e.getMessage());
      e =
          assertThrows(
              CheckpointException.class, () -> c.require(w, "lm_head.weight", new Shape(8192, 64)));
      assertTrue(
          e.getMessage()
              .startsWith("parameter lm_head.weight missing from " + c.weightsFile() + " (found: "),
          e.getMessage());
      assertTrue(e.getMessage().contains("decoder.block.0"), e.getMessage());
    }
  }

  @Test
  void loadRefusesNonFloatingTargetType() {
    Checkpoint c = Checkpoint.open(HfFixtures.fixture("tiny-gptneo"));
    try (NDManager m = manager.newSubManager()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> c.load(m, DataType.INT32));
      assertTrue(e.getMessage().contains("floating-point"), e.getMessage());
    }
  }

  @Test
  void everyFixtureOpensAndLoads() {
    for (String name : new String[] {"tiny-t5", "tiny-gptneo", "tiny-gptj"}) {
      Checkpoint c = Checkpoint.open(HfFixtures.fixture(name));
      assertTrue(c.configJson().contains("model_type"), name);
      try (NDManager m = manager.newSubManager()) {
        Map<String, NDArray> w = c.load(m, DataType.FLOAT32);
        assertEquals(c.parameterNames(), w.keySet());
        for (Map.Entry<String, TensorInfo> e : c.tensors().entrySet()) {
          assertEquals(
              new Shape(e.getValue().shape().stream().mapToLong(Long::longValue).toArray()),
              w.get(e.getKey()).getShape(),
              e.getKey());
        }
      }
    }
  }
}
