package dev.coderl4j.models.hf;

import static dev.coderl4j.models.hf.TensorAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTest {
  private static NDManager manager;

  @BeforeAll
  static void start() {
    manager = HfFixtures.manager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  @Test
  void savedFolderLoadsBitIdenticallyWithConfigAndTokenizer(@TempDir Path tmp) throws IOException {
    Path t5 = HfFixtures.fixture("tiny-t5");
    Checkpoint source = Checkpoint.open(t5);
    Path out = tmp.resolve("saved");
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> weights = source.load(m, DataType.FLOAT32);
      CheckpointWriter.save(out, weights, source.configJson(), t5);
      Checkpoint again = Checkpoint.open(out);
      assertEquals(source.configJson(), again.configJson());
      assertEquals(Map.of("format", "pt"), SafetensorsFile.open(again.weightsFile()).metadata());
      Map<String, NDArray> loaded = again.load(m, DataType.FLOAT32);
      assertEquals(weights.keySet(), loaded.keySet());
      for (String name : weights.keySet()) {
        assertBitIdentical(weights.get(name), loaded.get(name), name);
      }
      assertArrayEquals(
          Files.readAllBytes(t5.resolve("tokenizer.json")),
          Files.readAllBytes(out.resolve("tokenizer.json")));
      assertArrayEquals(
          Files.readAllBytes(t5.resolve("generation_config.json")),
          Files.readAllBytes(out.resolve("generation_config.json")));
      try (Stream<Path> files = Files.list(out)) {
        assertTrue(
            files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
            "no temporary files left");
      }
      try (HfTokenizer tok = HfTokenizer.load(out)) {
        assertEquals(8192, tok.vocabSize());
      }
      // Saving again over the folder replaces the files.
      CheckpointWriter.save(
          out, Map.of("shared.weight", weights.get("shared.weight")), "{\"a\": 1}", null);
      assertEquals(java.util.Set.of("shared.weight"), Checkpoint.open(out).parameterNames());
    }
  }

  @Test
  void reducedPrecisionAndNonContiguousArraysAreWrittenExactly(@TempDir Path tmp) {
    try (NDManager m = manager.newSubManager()) {
      NDArray base = m.arange(0f, 12f).reshape(3, 4);
      NDArray transposed = base.transpose();
      Map<String, NDArray> w = new LinkedHashMap<>();
      w.put("t", transposed);
      w.put("ids", m.arange(0, 5).toType(DataType.INT64, false));
      Path f = tmp.resolve("x.safetensors");
      CheckpointWriter.writeSafetensors(f, w, Map.of(), TensorDType.BF16);
      SafetensorsFile s = SafetensorsFile.open(f);
      assertEquals(TensorDType.BF16, s.tensors().get("t").dtype());
      assertEquals(TensorDType.I64, s.tensors().get("ids").dtype(), "integers keep their type");
      // 0..11 are exact in bfloat16, so the round trip is exact.
      assertArrayEquals(transposed.toFloatArray(), s.load(m, "t", DataType.FLOAT32).toFloatArray());
      assertArrayEquals(
          new long[] {0, 1, 2, 3, 4}, s.load(m, "ids", DataType.FLOAT32).toLongArray());
      CheckpointWriter.writeSafetensors(f, Map.of("t", transposed), Map.of());
      assertArrayEquals(
          new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11},
          SafetensorsFile.open(f).load(m, "t", DataType.FLOAT32).toFloatArray(),
          "transpose written in row-major order");

      CheckpointWriter.writeSafetensors(
          f,
          Map.of("h", m.create(new float[] {0.5f, -3f}).toType(DataType.FLOAT16, false)),
          Map.of());
      assertEquals(
          TensorDType.F16,
          SafetensorsFile.open(f).tensors().get("h").dtype(),
          "own type kept by default");
    }
  }

  @Test
  void refusesBadConfigAndTokenizerSource(@TempDir Path tmp) {
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> w = Map.of("a", m.ones(new ai.djl.ndarray.types.Shape(2)));
      CheckpointException e =
          assertThrows(
              CheckpointException.class,
              () -> CheckpointWriter.save(tmp.resolve("o"), w, "[1]", null));
      assertTrue(e.getMessage().contains("must be a JSON object"), e.getMessage());
      e =
          assertThrows(
              CheckpointException.class,
              () -> CheckpointWriter.save(tmp.resolve("o"), w, "{}", tmp));
      assertTrue(
          e.getMessage().contains("has neither tokenizer.json nor vocab.json + merges.txt"),
          e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> CheckpointWriter.writeSafetensors(tmp.resolve("x"), w, Map.of(), TensorDType.I32));
    }
  }
}
