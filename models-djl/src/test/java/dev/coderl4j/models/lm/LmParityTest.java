package dev.coderl4j.models.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forward, loss and gradients against the Hugging Face references (fixtures README: logits and
 * hidden states within 1e-4, loss within 1e-5, gradients within 1e-4 of their norm).
 */
class LmParityTest {
  static NDManager manager;

  @BeforeAll
  static void start() {
    manager = NDManager.newBaseManager("PyTorch");
    Autograd.setThreads(1);
  }

  @AfterAll
  static void stop() {
    manager.close();
  }

  @Test
  void t5FromSafetensors() {
    checkT5(Fixtures.T5);
  }

  @Test
  void t5FromPytorchBin(@TempDir Path dir) throws IOException {
    Files.copy(Fixtures.T5.resolve("config.json"), dir.resolve("config.json"));
    Files.copy(Fixtures.T5.resolve("pytorch_model.bin"), dir.resolve("pytorch_model.bin"));
    checkT5(dir);
  }

  @Test
  void gptNeo() {
    checkCausal(Fixtures.GPT_NEO);
  }

  @Test
  void gptJ() {
    checkCausal(Fixtures.GPT_J);
  }

  /** Qwen2: grouped-query attention, rotate-half RoPE, RMSNorm, SwiGLU, q/k/v biases, tied head. */
  @Test
  void qwen2() {
    checkCausal(Fixtures.QWEN2);
  }

  private void checkT5(Path weightsDir) {
    try (NDManager m = manager.newSubManager();
        NDScope scope = new NDScope()) {
      T5Model model = (T5Model) Fixtures.load(m, weightsDir);
      Map<String, NDArray> ref = Fixtures.reference(m, Fixtures.T5);
      requireGrad(model);
      NDArray loss =
          Autograd.recording(
              () -> {
                T5Model.Output out =
                    model.forward(
                        ref.get("encoder_input_ids"),
                        ref.get("encoder_attention_mask"),
                        ref.get("decoder_input_ids"));
                assertClose(
                    "encoder_last_hidden_state",
                    ref.get("encoder_last_hidden_state"),
                    out.encoderHidden(),
                    1e-4);
                assertClose("logits", ref.get("logits"), out.logits(), 1e-4);
                return Ops.meanCrossEntropy(out.logits(), ref.get("labels"));
              });
      checkLossAndGrads(Fixtures.T5, model, ref, loss);
    }
  }

  private void checkCausal(Path dir) {
    try (NDManager m = manager.newSubManager();
        NDScope scope = new NDScope()) {
      CausalLm model = (CausalLm) Fixtures.load(m, dir);
      Map<String, NDArray> ref = Fixtures.reference(m, dir);
      requireGrad(model);
      NDArray loss =
          Autograd.recording(
              () -> {
                NDArray ids = ref.get("input_ids");
                long t = ids.getShape().get(1);
                NDArray positions = m.arange(0L, t).expandDims(0).repeat(0, ids.getShape().get(0));
                NDArray hidden = model.forward(ids, positions, ref.get("attention_mask"), null);
                NDArray logits = model.logits(hidden);
                assertClose("logits", ref.get("logits"), logits, 1e-4);
                // HF shifts inside: position t predicts label t+1.
                NDArray shifted = logits.get(":, :-1, :");
                NDArray labels = ref.get("labels").get(":, 1:");
                return Ops.meanCrossEntropy(shifted, labels);
              });
      checkLossAndGrads(dir, model, ref, loss);
    }
  }

  private static void requireGrad(LanguageModel model) {
    for (NDArray p : model.parameters().values()) {
      p.setRequiresGradient(true);
    }
  }

  private static void checkLossAndGrads(
      Path dir, LanguageModel model, Map<String, NDArray> ref, NDArray loss) {
    JsonNode json = Fixtures.referenceJson(dir);
    assertEquals(json.get("loss").doubleValue(), loss.getFloat(), 1e-5, "loss");
    Autograd.backward(loss);
    int checked = 0;
    for (Map.Entry<String, NDArray> e : ref.entrySet()) {
      if (!e.getKey().startsWith("grad.")) {
        continue;
      }
      String name = e.getKey().substring(5);
      NDArray p = model.parameters().get(name);
      assertTrue(p != null, "model has no parameter " + name);
      NDArray g = p.getGradient();
      double refNorm = e.getValue().norm().getFloat();
      double diff = g.sub(e.getValue()).norm().getFloat();
      assertTrue(
          diff <= 1e-4 * Math.max(refNorm, 1e-12),
          name + ": |grad - ref| = " + diff + " vs 1e-4 * |ref| = " + 1e-4 * refNorm);
      checked++;
    }
    assertTrue(checked > 10, "reference has gradients");
    List<String> missing = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = json.get("grad_norms").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      NDArray p = model.parameters().get(e.getKey());
      if (p == null) {
        missing.add(e.getKey());
        continue;
      }
      double norm = p.getGradient().norm().getFloat();
      double expected = e.getValue().doubleValue();
      assertEquals(expected, norm, 1e-4 * expected, "grad norm of " + e.getKey());
    }
    // Only aliases of a tied embedding may be absent (the model stores it once).
    for (String name : missing) {
      assertTrue(
          name.endsWith("embed_tokens.weight") || name.equals("lm_head.weight"),
          "grad_norms names a parameter the model lacks: " + name);
    }
  }

  static void assertClose(String what, NDArray expected, NDArray actual, double tol) {
    assertEquals(expected.getShape(), actual.getShape(), what + " shape");
    float maxDiff = expected.toType(DataType.FLOAT32, false).sub(actual).abs().max().getFloat();
    assertTrue(maxDiff <= tol, what + ": max |diff| = " + maxDiff + " > " + tol);
  }
}
