package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.models.hf.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The model fixtures (see src/test/resources/fixtures/README.md) and helpers to load them. */
final class Fixtures {
  static final Path ROOT = Path.of("src/test/resources/fixtures");
  static final Path T5 = ROOT.resolve("tiny-t5");
  static final Path GPT_NEO = ROOT.resolve("tiny-gptneo");
  static final Path GPT_J = ROOT.resolve("tiny-gptj");
  static final Path QWEN2 = ROOT.resolve("tiny-qwen2");
  static final Path DEFAULT_ACTOR = Path.of("../models/codet5-small-ntp-py");

  private Fixtures() {}

  /** The reference tensors by name. */
  static Map<String, NDArray> reference(NDManager m, Path dir) {
    try (InputStream in = Files.newInputStream(dir.resolve("reference.safetensors"))) {
      NDList list = NDList.decode(m, in);
      Map<String, NDArray> out = new LinkedHashMap<>();
      for (NDArray a : list) {
        out.put(a.getName(), a);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode referenceJson(Path dir) {
    try {
      return new ObjectMapper().readTree(dir.resolve("reference.json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a model of the fixture, from {@code weightsFile} if given (e.g. pytorch_model.bin). */
  static LanguageModel load(NDManager m, Path dir) {
    Checkpoint c = Checkpoint.open(dir);
    Map<String, NDArray> tensors = c.load(m, DataType.FLOAT32);
    return Backbones.builtIn().parse(c.configJson()).build(new Weights(c, tensors), m);
  }

  /**
   * The actor plugin {@code name}'s factory with the built-in backbones, as Guice would make it.
   */
  static DjlActor.Factory factory(String name) {
    DjlActor.Factory f = new DjlActor.Factory(name);
    f.backbones(Backbones.builtIn());
    return f;
  }
}
