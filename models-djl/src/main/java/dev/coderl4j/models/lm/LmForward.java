package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One teacher-forced pass over a batch named as in the fixtures' {@code reference.safetensors}
 * ({@code coderl lm forward}): how a checkpoint is inspected and parity checked from outside the
 * test suite.
 *
 * <p>T5 reads {@code encoder_input_ids}, {@code decoder_input_ids} and optionally {@code
 * encoder_attention_mask} and {@code labels}; causal LMs read {@code input_ids} and optionally
 * {@code attention_mask} and {@code labels} (shifted inside, as transformers does).
 */
public final class LmForward {
  private LmForward() {}

  /**
   * {@code logits}, {@code loss} (when labels are given) and T5's {@code
   * encoder_last_hidden_state}.
   */
  public static Map<String, NDArray> run(LanguageModel model, Map<String, NDArray> batch) {
    return Autograd.inference(() -> outputs(model, batch));
  }

  /**
   * Like {@link #run}, then back-propagates the loss and adds {@code grad.<name>} for every
   * parameter (as the fixtures name them); the batch must have {@code labels}.
   */
  public static Map<String, NDArray> runWithGradients(
      LanguageModel model, Map<String, NDArray> batch) {
    need(batch, "labels");
    for (NDArray p : model.parameters().values()) {
      p.setRequiresGradient(true);
    }
    return Autograd.recording(
        () -> {
          Map<String, NDArray> out = outputs(model, batch);
          Autograd.backward(out.get("loss"));
          model.parameters().forEach((name, p) -> out.put("grad." + name, p.getGradient()));
          return out;
        });
  }

  private static Map<String, NDArray> outputs(LanguageModel model, Map<String, NDArray> batch) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    switch (model) {
      case T5Model t -> {
        NDArray enc = need(batch, "encoder_input_ids");
        NDArray dec = need(batch, "decoder_input_ids");
        T5Model.Output o = t.forward(ids(enc), batch.get("encoder_attention_mask"), ids(dec));
        out.put("logits", o.logits());
        out.put("encoder_last_hidden_state", o.encoderHidden());
        if (batch.containsKey("labels")) {
          out.put("loss", Ops.meanCrossEntropy(o.logits(), ids(batch.get("labels"))));
        }
      }
      case CausalLm c -> {
        NDArray in = ids(need(batch, "input_ids"));
        long b = in.getShape().get(0);
        long t = in.getShape().get(1);
        NDArray pos = in.getManager().arange(0L, t).expandDims(0).repeat(0, b);
        NDArray logits = c.logits(c.forward(in, pos, batch.get("attention_mask"), null));
        out.put("logits", logits);
        if (batch.containsKey("labels")) {
          out.put(
              "loss",
              Ops.meanCrossEntropy(logits.get(":, :-1, :"), ids(batch.get("labels")).get(":, 1:")));
        }
      }
    }
    return out;
  }

  private static NDArray ids(NDArray a) {
    return a.getDataType() == DataType.INT64 ? a : a.toType(DataType.INT64, false);
  }

  private static NDArray need(Map<String, NDArray> batch, String name) {
    NDArray a = batch.get(name);
    if (a == null) {
      throw new IllegalArgumentException(
          "the batch has no '"
              + name
              + "' (it has "
              + batch.keySet()
              + "); name tensors as in the"
              + " fixtures' reference.safetensors");
    }
    return a;
  }
}
