package dev.coderl4j.models.hf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchPickleTest {
  private static NDManager manager;

  @BeforeAll
  static void start() {
    manager = HfFixtures.manager();
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  private static Path folder(Path tmp, byte[] pickle, Map<String, byte[]> storages)
      throws IOException {
    Files.writeString(tmp.resolve("config.json"), "{}");
    PickleBuilder.writeZip(tmp.resolve("pytorch_model.bin"), pickle, storages);
    return tmp;
  }

  @Test
  void refusesGlobalsOutsideTheStateDictSubset(@TempDir Path tmp) throws IOException {
    // The classic attack: os.system('echo pwned') run by the unpickler.
    byte[] evil =
        new PickleBuilder()
            .proto()
            .global("os", "system")
            .op('(')
            .string("echo pwned")
            .op('t')
            .op('R')
            .op('.')
            .bytes();
    Path dir = folder(tmp, evil, Map.of());
    CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(dir));
    assertTrue(e.getMessage().contains("refusing pickle GLOBAL os.system"), e.getMessage());
    assertTrue(e.getMessage().contains("pytorch_model.bin"), e.getMessage());

    for (String[] g :
        new String[][] {
          {"builtins", "eval"},
          {"torch", "load"},
          {"torch._utils", "_rebuild_qtensor"},
          {"torch.storage", "_load_from_bytes"},
          {"subprocess", "Popen"}
        }) {
      byte[] p = new PickleBuilder().proto().global(g[0], g[1]).op('.').bytes();
      CheckpointException x =
          assertThrows(CheckpointException.class, () -> TorchPickle.readStateDict("test", p));
      assertTrue(
          x.getMessage().contains("refusing pickle GLOBAL " + g[0] + "." + g[1]), x.getMessage());
    }
  }

  @Test
  void refusesOpcodesOutsideTheSubset() {
    // INST ('i') instantiates a class by name: never needed by a state_dict.
    byte[] inst = "\u0080\u0002(ios\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1);
    CheckpointException e =
        assertThrows(CheckpointException.class, () -> TorchPickle.readStateDict("test", inst));
    assertTrue(e.getMessage().contains("opcode 0x69"), e.getMessage());
    byte[] noStop = new PickleBuilder().proto().orderedDict().bytes();
    e = assertThrows(CheckpointException.class, () -> TorchPickle.readStateDict("test", noStop));
    assertTrue(e.getMessage().contains("without STOP"), e.getMessage());
    byte[] notDict = new PickleBuilder().proto().string("hello").op('.').bytes();
    e = assertThrows(CheckpointException.class, () -> TorchPickle.readStateDict("test", notDict));
    assertTrue(e.getMessage().contains("not a state_dict"), e.getMessage());
    byte[] badValue =
        new PickleBuilder()
            .proto()
            .orderedDict()
            .string("epoch")
            .integer(3)
            .op('s')
            .op('.')
            .bytes();
    e = assertThrows(CheckpointException.class, () -> TorchPickle.readStateDict("test", badValue));
    assertTrue(e.getMessage().contains("\"epoch\" holds a int 3, not a tensor"), e.getMessage());
  }

  @Test
  void honoursOffsetsStridesAndSharedStorages(@TempDir Path tmp) throws IOException {
    PickleBuilder p = new PickleBuilder().proto().orderedDict().op('(');
    // storage "0" holds 0..5; "t" is its transpose viewed as 3x2, "u" a strided slice [1, 3],
    // "t2" the same view as "t" (a tie), "c" a contiguous 2x3 view.
    p.string("t").tensor("FloatStorage", "0", 6, 0, List.of(3, 2), List.of(1, 3));
    p.string("u").tensor("FloatStorage", "0", 6, 1, List.of(2), List.of(2));
    p.string("t2").tensor("FloatStorage", "0", 6, 0, List.of(3, 2), List.of(1, 3));
    p.string("c").tensor("FloatStorage", "0", 6, 0, List.of(2, 3), List.of(3, 1));
    p.string("h").tensor("HalfStorage", "1", 1, 0, List.of(), List.of());
    p.op('u').op('.');
    byte[] half =
        new byte[] {
          (byte) (Float.floatToFloat16(0.5f) & 0xff), (byte) (Float.floatToFloat16(0.5f) >> 8)
        };
    Path dir =
        folder(tmp, p.bytes(), Map.of("0", PickleBuilder.floats(0, 1, 2, 3, 4, 5), "1", half));
    Checkpoint c = Checkpoint.open(dir);
    assertEquals(List.of("t", "u", "t2", "c", "h"), List.copyOf(c.parameterNames()));
    assertEquals(TensorDType.F16, c.tensors().get("h").dtype());
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> w = c.load(m, DataType.FLOAT32);
      assertEquals(new Shape(3, 2), w.get("t").getShape());
      assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, w.get("t").toFloatArray());
      assertArrayEquals(new float[] {1, 3}, w.get("u").toFloatArray());
      assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, w.get("c").toFloatArray());
      assertSame(w.get("t"), w.get("t2"), "same view of one storage is one tensor");
      assertNotSame(w.get("t"), w.get("c"), "different views are different tensors");
      assertEquals(0.5f, w.get("h").getFloat());
      assertEquals(DataType.FLOAT32, w.get("h").getDataType());
    }
  }

  @Test
  void refusesViewsPastTheStorageAndShortStorages(@TempDir Path tmp) throws IOException {
    PickleBuilder p = new PickleBuilder().proto().orderedDict().op('(');
    p.string("w").tensor("FloatStorage", "0", 4, 2, List.of(2, 2), List.of(2, 1));
    p.op('u').op('.');
    Path dir = folder(tmp, p.bytes(), Map.of("0", PickleBuilder.floats(0, 1, 2, 3)));
    Checkpoint c = Checkpoint.open(dir);
    try (NDManager m = manager.newSubManager()) {
      CheckpointException e =
          assertThrows(CheckpointException.class, () -> c.load(m, DataType.FLOAT32));
      assertTrue(e.getMessage().contains("reaches element 5 but storage 0 has 4"), e.getMessage());
    }
    Path dir2 = Files.createDirectories(tmp.resolve("short"));
    PickleBuilder q = new PickleBuilder().proto().orderedDict().op('(');
    q.string("w").tensor("FloatStorage", "0", 4, 0, List.of(4), List.of(1));
    q.op('u').op('.');
    Checkpoint c2 =
        Checkpoint.open(folder(dir2, q.bytes(), Map.of("0", PickleBuilder.floats(0, 1))));
    try (NDManager m = manager.newSubManager()) {
      CheckpointException e =
          assertThrows(CheckpointException.class, () -> c2.load(m, DataType.FLOAT32));
      assertTrue(e.getMessage().contains("has 8 bytes but the pickle declares 16"), e.getMessage());
    }
  }

  @Test
  void shardedBinKeepsStoragesOfEachShardApart(@TempDir Path tmp) throws IOException {
    // Both shards name their storage "0", as torch.save does: the reader must not mix them up.
    PickleBuilder a = new PickleBuilder().proto().orderedDict().op('(');
    a.string("a.weight").tensor("FloatStorage", "0", 2, 0, List.of(2), List.of(1));
    a.op('u').op('.');
    PickleBuilder b = new PickleBuilder().proto().orderedDict().op('(');
    // _rebuild_parameter(_rebuild_tensor_v2(...), True, OrderedDict()) is how nn.Parameter pickles.
    b.string("b.weight")
        .global("torch._utils", "_rebuild_parameter")
        .op('(')
        .tensor("FloatStorage", "0", 3, 0, List.of(3), List.of(1))
        .op(0x88)
        .orderedDict()
        .op('t')
        .op('R');
    b.op('u').op('.');
    Files.writeString(tmp.resolve("config.json"), "{}");
    PickleBuilder.writeZip(
        tmp.resolve("pytorch_model-00001-of-00002.bin"),
        a.bytes(),
        Map.of("0", PickleBuilder.floats(1, 2)));
    PickleBuilder.writeZip(
        tmp.resolve("pytorch_model-00002-of-00002.bin"),
        b.bytes(),
        Map.of("0", PickleBuilder.floats(7, 8, 9)));
    Files.writeString(
        tmp.resolve(Checkpoint.PYTORCH_BIN_INDEX),
        "{\"weight_map\": {\"a.weight\": \"pytorch_model-00001-of-00002.bin\","
            + " \"b.weight\": \"pytorch_model-00002-of-00002.bin\"}}");
    Checkpoint c = Checkpoint.open(tmp);
    assertEquals(Checkpoint.PYTORCH_BIN_INDEX, c.weightsFile().getFileName().toString());
    try (NDManager m = manager.newSubManager()) {
      Map<String, NDArray> w = c.load(m, DataType.FLOAT32);
      assertArrayEquals(new float[] {1, 2}, w.get("a.weight").toFloatArray());
      assertArrayEquals(new float[] {7, 8, 9}, w.get("b.weight").toFloatArray());
    }
    Files.writeString(
        tmp.resolve(Checkpoint.PYTORCH_BIN_INDEX),
        "{\"weight_map\": {\"a.weight\": \"../elsewhere.bin\"}}");
    CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(tmp));
    assertTrue(e.getMessage().contains("must be a file name in the same folder"), e.getMessage());
  }

  @Test
  void refusesTheLegacyFormat(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("config.json"), "{}");
    // torch.save before 1.6 wrote a bare pickle stream starting with a magic number.
    Files.write(tmp.resolve("pytorch_model.bin"), new PickleBuilder().proto().op('.').bytes());
    CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.open(tmp));
    assertTrue(e.getMessage().contains("legacy torch.save format"), e.getMessage());
  }
}
