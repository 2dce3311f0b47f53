package dev.coderl4j.models.hf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes protocol-2 pickles and PyTorch zips by hand, to test the reader on inputs torch.save never
 * makes.
 */
final class PickleBuilder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  PickleBuilder op(int opcode) {
    out.write(opcode);
    return this;
  }

  PickleBuilder proto() {
    return op(0x80).op(2);
  }

  PickleBuilder global(String module, String name) {
    op('c');
    out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    return this;
  }

  PickleBuilder string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    op('X');
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
    out.writeBytes(b);
    return this;
  }

  PickleBuilder integer(int v) {
    op('J');
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    return this;
  }

  PickleBuilder intTuple(List<Integer> values) {
    op('(');
    values.forEach(this::integer);
    return op('t');
  }

  /** An empty OrderedDict: {@code collections.OrderedDict()}. */
  PickleBuilder orderedDict() {
    return global("collections", "OrderedDict").op(')').op('R');
  }

  /**
   * {@code _rebuild_tensor_v2(storage(key, numel), offset, size, stride, False, OrderedDict())}.
   */
  PickleBuilder tensor(
      String storageClass,
      String key,
      int numel,
      int offset,
      List<Integer> size,
      List<Integer> stride) {
    global("torch._utils", "_rebuild_tensor_v2").op('(');
    op('(')
        .string("storage")
        .global("torch", storageClass)
        .string(key)
        .string("cpu")
        .integer(numel)
        .op('t')
        .op('Q');
    integer(offset).intTuple(size).intTuple(stride).op(0x89).orderedDict();
    return op('t').op('R');
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  /**
   * A {@code torch.save}-shaped zip: {@code archive/data.pkl}, {@code archive/byteorder} and {@code
   * archive/data/<key>}.
   */
  static void writeZip(Path file, byte[] pickle, Map<String, byte[]> storages) throws IOException {
    try (OutputStream os = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(os)) {
      put(zip, "archive/data.pkl", pickle);
      put(zip, "archive/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
      for (Map.Entry<String, byte[]> e : storages.entrySet()) {
        put(zip, "archive/data/" + e.getKey(), e.getValue());
      }
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  static byte[] floats(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }
}
