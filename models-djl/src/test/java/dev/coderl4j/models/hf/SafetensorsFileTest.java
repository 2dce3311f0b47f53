package dev.coderl4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
  private static NDManager manager;

  @BeforeAll
  static void start() {
    manager = HfFixtures.manager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  /** A safetensors file with the given header JSON (unpadded) and data bytes. */
  private static Path file(Path dir, String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    Path f = dir.resolve("t.safetensors");
    Files.write(f, b.array());
    return f;
  }

  private static String message(Path f) {
    return assertThrows(CheckpointException.class, () -> SafetensorsFile.open(f)).getMessage();
  }

  @Test
  void readsHeaderMetadataAndMixedDtypes(@TempDir Path tmp) throws IOException {
    ByteBuffer data = ByteBuffer.allocate(8 + 4 + 2 + 2).order(ByteOrder.LITTLE_ENDIAN);
    data.putLong(-7L)
        .putFloat(1.5f)
        .putShort(Float.floatToFloat16(0.25f))
        .putShort((short) (Float.floatToRawIntBits(-2f) >>> 16));
    Path f =
        file(
            tmp,
            "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"f\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[1,1],\"data_offsets\":[12,14]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[14,16]}}",
            data.array());
    SafetensorsFile s = SafetensorsFile.open(f);
    assertEquals(Map.of("format", "pt"), s.metadata());
    assertEquals(List.of("ids", "f", "h", "b"), List.copyOf(s.tensors().keySet()));
    try (NDManager m = manager.newSubManager()) {
      NDArray ids = s.load(m, "ids", DataType.FLOAT32);
      assertEquals(DataType.INT64, ids.getDataType(), "integers keep their type");
      assertArrayEquals(new long[] {-7}, ids.toLongArray());
      NDArray scalar = s.load(m, "f", DataType.FLOAT32);
      assertEquals(new Shape(), scalar.getShape());
      assertEquals(1.5f, scalar.getFloat());
      assertEquals(0.25f, s.load(m, "h", DataType.FLOAT32).getFloat(0, 0));
      assertEquals(-2f, s.load(m, "b", DataType.FLOAT32).getFloat(0));
      assertEquals(DataType.FLOAT16, s.load(m, "h", DataType.FLOAT16).getDataType());
      CheckpointException e =
          assertThrows(CheckpointException.class, () -> s.load(m, "nope", DataType.FLOAT32));
      assertTrue(
          e.getMessage().startsWith("tensor nope missing from " + f + " (found: b, f, h, ids)"),
          e.getMessage());
    }
  }

  @Test
  void missingAndTruncatedFilesAreRefused(@TempDir Path tmp) throws IOException {
    assertTrue(message(tmp.resolve("absent.safetensors")).contains("no such safetensors file"));
    Path tiny = tmp.resolve("five.safetensors");
    Files.write(tiny, new byte[5]);
    assertTrue(message(tiny).contains("fewer than the 8-byte header length"), message(tiny));

    byte[] whole = Files.readAllBytes(HfFixtures.fixture("tiny-t5").resolve("model.safetensors"));
    Path cutHeader = tmp.resolve("cut-header.safetensors");
    Files.write(cutHeader, Arrays.copyOf(whole, 100));
    assertTrue(
        message(cutHeader).contains("truncated safetensors file: the header needs"),
        message(cutHeader));
    Path cutData = tmp.resolve("cut-data.safetensors");
    Files.write(cutData, Arrays.copyOf(whole, whole.length - 10));
    assertTrue(message(cutData).contains("truncated"), message(cutData));

    ByteBuffer huge =
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-1L).putLong(0);
    Path bogus = tmp.resolve("bogus.safetensors");
    Files.write(bogus, huge.array());
    assertTrue(message(bogus).contains("this is not a safetensors file"), message(bogus));
  }

  @Test
  void malformedHeadersAreRefusedWithTheTensorName(@TempDir Path tmp) throws IOException {
    String bad =
        message(
            file(
                tmp,
                "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}",
                new byte[2]));
    assertTrue(
        bad.contains("tensor w")
            && bad.contains("unsupported dtype \"F8_E4M3\"")
            && bad.contains("BF16"),
        bad);

    String size =
        message(
            file(
                tmp,
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}",
                new byte[20]));
    assertTrue(size.contains("span 20 bytes") && size.contains("need 24"), size);

    String hole =
        message(
            file(
                tmp,
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                new byte[8]));
    assertTrue(hole.contains("hole in the data area before tensor w"), hole);

    String overlap =
        message(
            file(
                tmp,
                "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                    + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                new byte[8]));
    assertTrue(overlap.contains("overlap"), overlap);

    String past =
        message(
            file(
                tmp,
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}",
                new byte[8]));
    assertTrue(past.contains("truncated"), past);

    String trailing =
        message(
            file(
                tmp,
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                new byte[12]));
    assertTrue(trailing.contains("trailing garbage"), trailing);

    String json = message(file(tmp, "{\"w\": [", new byte[0]));
    assertTrue(json.contains("not valid JSON"), json);

    String fields = message(file(tmp, "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]));
    assertTrue(fields.contains("data_offsets"), fields);

    String negative =
        message(
            file(
                tmp,
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
                new byte[4]));
    assertTrue(negative.contains("non-negative"), negative);
  }
}
