package dev.coderl4j.models.hf;

import static dev.coderl4j.models.hf.TensorAssertions.assertBitIdentical;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random tensors of every dtype survive writer then reader bit for bit, NaN payloads included. */
class CheckpointWriterProperties {
  private static NDManager manager;

  @BeforeContainer
  static void start() {
    manager = HfFixtures.manager();
  }

  @AfterContainer
  static void stop() {
    manager.close();
  }

  /** One tensor as raw bytes: the dtype, a shape, and arbitrary bits for every element. */
  static final class Raw {
    private final TensorDType dtype;
    private final List<Long> shape;
    private final byte[] bytes;

    Raw(TensorDType dtype, List<Long> shape, byte[] bytes) {
      this.dtype = dtype;
      this.shape = List.copyOf(shape);
      this.bytes = bytes.clone();
    }

    TensorDType dtype() {
      return dtype;
    }

    List<Long> shape() {
      return shape;
    }

    byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return dtype + shape.toString() + " " + java.util.HexFormat.of().formatHex(bytes);
    }
  }

  /** Every dtype a DJL array can hold (DJL's PyTorch engine cannot hold bfloat16). */
  @Provide
  Arbitrary<Raw> raws() {
    return raw(
        Arbitraries.of(
            TensorDType.F32,
            TensorDType.F16,
            TensorDType.F64,
            TensorDType.I64,
            TensorDType.I32,
            TensorDType.I8,
            TensorDType.U8));
  }

  @Provide
  Arbitrary<Raw> halves() {
    return raw(Arbitraries.of(TensorDType.F16, TensorDType.BF16));
  }

  @Provide
  Arbitrary<Raw> floats() {
    return raw(Arbitraries.just(TensorDType.F32));
  }

  private static Arbitrary<Raw> raw(Arbitrary<TensorDType> dtypes) {
    Arbitrary<List<Long>> shapes = Arbitraries.longs().between(1, 5).list().ofMaxSize(3);
    return Combinators.combine(dtypes, shapes)
        .flatAs(
            (dtype, shape) -> {
              long n = shape.stream().reduce(1L, Math::multiplyExact);
              return Arbitraries.bytes()
                  .array(byte[].class)
                  .ofSize((int) (n * dtype.byteSize()))
                  .map(b -> new Raw(dtype, shape, b));
            });
  }

  @Property(tries = 60)
  void writerThenReaderIsTheIdentity(@ForAll @Size(max = 4) List<@From("raws") Raw> tensors)
      throws IOException {
    Path dir = Files.createTempDirectory("hf-roundtrip");
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> in = new LinkedHashMap<>();
      for (int i = 0; i < tensors.size(); i++) {
        in.put("layer." + i + ".w", toArray(m, tensors.get(i)));
      }
      Path f = dir.resolve("model.safetensors");
      CheckpointWriter.writeSafetensors(f, in, Map.of("format", "pt"));
      SafetensorsFile s = SafetensorsFile.open(f);
      assertEquals(
          in.keySet(), s.tensors().keySet().stream().collect(java.util.stream.Collectors.toSet()));
      for (Map.Entry<String, NDArray> e : in.entrySet()) {
        TensorInfo info = s.tensors().get(e.getKey());
        // Load each float tensor in its own type so no conversion touches the bits.
        DataType keep = info.dtype().isFloatingPoint() ? info.dtype().djl() : DataType.FLOAT32;
        assertBitIdentical(e.getValue(), s.load(m, e.getKey(), keep), e.getKey());
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files
            .sorted(Comparator.reverseOrder())
            .forEach(
                p -> {
                  try {
                    Files.delete(p);
                  } catch (IOException x) {
                    throw new UncheckedIOException(x);
                  }
                });
      }
    }
  }

  /** F16 and BF16 bits on disk widen to float32 exactly (checked against Java's own widening). */
  @Property(tries = 40)
  void halfPrecisionWidensExactlyToFloat32(@ForAll("halves") Raw raw) throws IOException {
    Path f = Files.createTempFile("hf-widen", ".safetensors");
    try (NDManager m = manager.newSubManager()) {
      writeRaw(f, raw);
      float[] loaded = SafetensorsFile.open(f).load(m, "w", DataType.FLOAT32).toFloatArray();
      ByteBuffer le = ByteBuffer.wrap(raw.bytes()).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < loaded.length; i++) {
        short bits = le.getShort(2 * i);
        float expected =
            raw.dtype() == TensorDType.F16
                ? Float.float16ToFloat(bits)
                : Float.intBitsToFloat((bits & 0xffff) << 16);
        if (Float.isNaN(expected)) {
          assertTrue(Float.isNaN(loaded[i]), "NaN stays NaN at " + i);
        } else {
          assertEquals(
              Float.floatToRawIntBits(expected),
              Float.floatToRawIntBits(loaded[i]),
              "element " + i);
        }
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /**
   * Writing float32 as BF16 rounds to nearest-even; reading it back gives exactly the rounded
   * value.
   */
  @Property(tries = 40)
  void bfloat16WritingRoundsToNearestEven(@ForAll("floats") Raw raw) throws IOException {
    Path f = Files.createTempFile("hf-narrow", ".safetensors");
    try (NDManager m = manager.newSubManager()) {
      NDArray a = toArray(m, raw);
      CheckpointWriter.writeSafetensors(f, Map.of("w", a), Map.of(), TensorDType.BF16);
      float[] in = a.toFloatArray();
      float[] back = SafetensorsFile.open(f).load(m, "w", DataType.FLOAT32).toFloatArray();
      for (int i = 0; i < in.length; i++) {
        if (Float.isNaN(in[i])) {
          assertTrue(Float.isNaN(back[i]), "NaN stays NaN at " + i);
          continue;
        }
        // Reference rounding in BigDecimal: the nearest bfloat16 (ties to the even mantissa).
        float expected = nearestBf16(in[i]);
        assertEquals(
            Float.floatToRawIntBits(expected),
            Float.floatToRawIntBits(back[i]),
            "element " + i + " = " + in[i]);
      }
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /**
   * The bfloat16 nearest to {@code x}, by comparing the two neighbours that truncation brackets it
   * with.
   */
  private static float nearestBf16(float x) {
    if (Float.isInfinite(x)) {
      return x;
    }
    int bits = Float.floatToRawIntBits(x);
    float down = Float.intBitsToFloat(bits & 0xffff0000);
    float up = Float.intBitsToFloat((bits & 0xffff0000) + 0x10000);
    if (down == x) {
      return x;
    }
    double dDown = Math.abs((double) x - down);
    double dUp =
        Float.isInfinite(up)
            ? Math.abs((double) x - Math.copySign(0x1.0p128, x))
            : Math.abs((double) up - x);
    if (dDown != dUp) {
      return dDown < dUp ? down : up;
    }
    return ((bits >>> 16) & 1) == 0 ? down : up;
  }

  private static NDArray toArray(NDManager m, Raw r) {
    ByteBuffer b = ByteBuffer.allocateDirect(r.bytes().length).order(ByteOrder.nativeOrder());
    b.put(r.bytes()).flip();
    return m.create(
        b, new Shape(r.shape().stream().mapToLong(Long::longValue).toArray()), r.dtype().djl());
  }

  /** A one-tensor safetensors file written by hand, so dtypes DJL cannot hold can be tested. */
  private static void writeRaw(Path f, Raw r) throws IOException {
    String shape = r.shape().toString().replace(" ", "");
    byte[] header =
        ("{\"w\":{\"dtype\":\""
                + r.dtype().safetensorsName()
                + "\",\"shape\":"
                + shape
                + ",\"data_offsets\":[0,"
                + r.bytes().length
                + "]}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteBuffer b =
        ByteBuffer.allocate(8 + header.length + r.bytes().length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header).put(r.bytes());
    Files.write(f, b.array());
  }
}
