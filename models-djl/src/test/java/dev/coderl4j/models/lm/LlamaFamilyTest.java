package dev.coderl4j.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.models.hf.Checkpoint;
import dev.coderl4j.models.hf.CheckpointWriter;
import dev.coderl4j.models.hf.TensorDType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The llama backbone, the Llama family's config keys and what they refuse. */
class LlamaFamilyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * tiny-qwen2 rewritten as a Llama checkpoint with {@code attention_bias} (zero output biases) and
   * an untied LM head (a copy of the embedding), in bfloat16 across two shards: it computes what
   * the Qwen2 model computes on the same bfloat16 weights.
   */
  @Test
  void llamaWithBiasesAndUntiedHeadFromShardedBfloat16(@TempDir Path tmp) throws Exception {
    Path llama = Files.createDirectories(tmp.resolve("llama"));
    Path qwen = Files.createDirectories(tmp.resolve("qwen2-bf16"));
    ObjectNode config = (ObjectNode) JSON.readTree(Fixtures.QWEN2.resolve("config.json").toFile());
    Files.writeString(qwen.resolve("config.json"), config.toString());
    config.put("model_type", "llama").put("attention_bias", true).put("tie_word_embeddings", false);
    Files.writeString(llama.resolve("config.json"), config.toString());
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      Map<String, NDArray> t = Checkpoint.open(Fixtures.QWEN2).load(m, DataType.FLOAT32);
      CheckpointWriter.writeSafetensors(
          qwen.resolve(Checkpoint.SAFETENSORS), t, Map.of(), TensorDType.BF16);
      Map<String, NDArray> first = new LinkedHashMap<>();
      Map<String, NDArray> second = new LinkedHashMap<>();
      StringBuilder index = new StringBuilder("{\"weight_map\": {");
      for (Map.Entry<String, NDArray> e : t.entrySet()) {
        boolean one = e.getKey().startsWith("model.layers.0.");
        (one ? first : second).put(e.getKey(), e.getValue());
        index
            .append('"')
            .append(e.getKey())
            .append("\": \"")
            .append(one ? "a.safetensors" : "b.safetensors")
            .append("\", ");
      }
      for (int i = 0; i < 2; i++) {
        String name = "model.layers." + i + ".self_attn.o_proj.bias";
        second.put(name, m.zeros(new ai.djl.ndarray.types.Shape(64)));
        index.append('"').append(name).append("\": \"b.safetensors\", ");
      }
      second.put("lm_head.weight", t.get("model.embed_tokens.weight").duplicate());
      index.append("\"lm_head.weight\": \"b.safetensors\"}}");
      CheckpointWriter.writeSafetensors(
          llama.resolve("a.safetensors"), first, Map.of(), TensorDType.BF16);
      CheckpointWriter.writeSafetensors(
          llama.resolve("b.safetensors"), second, Map.of(), TensorDType.BF16);
      Files.writeString(llama.resolve(Checkpoint.SAFETENSORS_INDEX), index);

      LanguageModel l = Fixtures.load(m, llama);
      LanguageModel q = Fixtures.load(m, qwen);
      assertEquals("llama", l.config().architecture());
      assertTrue(l.parameters().containsKey("lm_head.weight"), "untied head is a parameter");
      assertTrue(l.parameters().containsKey("model.layers.1.self_attn.o_proj.bias"));
      assertEquals(q.parameters().size() + 3, l.parameters().size());
      Map<String, NDArray> ref = Fixtures.reference(m, Fixtures.QWEN2);
      NDArray logitsL = LmForward.run(l, ref).get("logits");
      NDArray logitsQ = LmForward.run(q, ref).get("logits");
      LmParityTest.assertClose("llama vs qwen2 logits", logitsQ, logitsL, 1e-5);
      // bfloat16 weights really were read: the logits moved off the float32 reference, a little.
      float moved = ref.get("logits").sub(logitsQ).abs().max().getFloat();
      assertTrue(moved > 1e-5 && moved < 0.5, "bfloat16 logits differ from float32 by " + moved);
    }
  }

  @Test
  void ropeScalingAndSlidingWindowFailNamingTheKey() throws Exception {
    Backbones b = Backbones.builtIn();
    ObjectNode base = (ObjectNode) JSON.readTree(Fixtures.QWEN2.resolve("config.json").toFile());
    ObjectNode llama3 = base.deepCopy().put("model_type", "llama");
    llama3.putObject("rope_scaling").put("rope_type", "llama3").put("factor", 8.0);
    var e = assertThrows(IllegalArgumentException.class, () -> b.parse(llama3.toString()));
    assertTrue(
        e.getMessage().contains("rope_scaling") && e.getMessage().contains("llama3"),
        e.getMessage());
    ObjectNode yarn = base.deepCopy();
    yarn.putObject("rope_scaling").put("type", "yarn").put("factor", 4.0);
    e = assertThrows(IllegalArgumentException.class, () -> b.parse(yarn.toString()));
    assertTrue(
        e.getMessage().contains("rope_scaling") && e.getMessage().contains("yarn"), e.getMessage());
    ObjectNode sliding = base.deepCopy().put("use_sliding_window", true);
    e = assertThrows(IllegalArgumentException.class, () -> b.parse(sliding.toString()));
    assertTrue(e.getMessage().contains("use_sliding_window"), e.getMessage());
    ObjectNode v5 = base.deepCopy();
    v5.remove("rope_theta");
    v5.putObject("rope_parameters").put("rope_type", "default").put("rope_theta", 1_000_000.0);
    assertEquals(1e6, ((LlamaModel.Config) b.parse(v5.toString())).ropeTheta());
    assertEquals(10000.0, ((LlamaModel.Config) b.parse(base.toString())).ropeTheta());
    ObjectNode gqa = base.deepCopy().put("num_key_value_heads", 3);
    e = assertThrows(IllegalArgumentException.class, () -> b.parse(gqa.toString()));
    assertTrue(e.getMessage().contains("num_key_value_heads"), e.getMessage());
  }

  @Test
  void anUnknownModelTypeListsTheRegisteredOnes() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Backbones.builtIn().parse("{\"model_type\": \"mistral\"}"));
    assertTrue(
        e.getMessage().contains("mistral")
            && e.getMessage().contains("qwen2")
            && e.getMessage().contains("llama")
            && e.getMessage().contains("gpt_neo"),
        e.getMessage());
    assertEquals(
        java.util.Set.of("gpt_neo", "gptj", "llama", "qwen2", "t5"),
        Backbones.builtIn().modelTypes());
  }
}
