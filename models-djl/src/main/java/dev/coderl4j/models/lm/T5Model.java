package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * T5 / CodeT5 for conditional generation (§3.1: the actor reads the problem with the encoder and
 * writes the program with the decoder): encoder and decoder {@link T5Stack}s over one shared
 * embedding, and an LM head that is the shared embedding (scaled inputs, {@code d_model^-0.5}) or
 * its own matrix.
 */
public final class T5Model implements LanguageModel {
  /** The actor plugin name for T5-family checkpoints. */
  public static final String NAME = "codet5";

  /** The {@code t5} backbone: CodeT5 and T5 checkpoints, as the actor {@code codet5}. */
  public static final class Family implements Backbone {
    @Override
    public String modelType() {
      return "t5";
    }

    @Override
    public String actorName() {
      return NAME;
    }

    @Override
    public T5Config parse(ConfigJson json) {
      return T5Config.fromJson(json);
    }
  }

  private final T5Config config;
  private final T5Stack encoder;
  private final T5Stack decoder;
  private final NDArray lmHead;
  private final Map<String, NDArray> parameters;

  /**
   * Builds the model from checkpoint tensors named as in Hugging Face's {@code
   * T5ForConditionalGeneration}.
   */
  public T5Model(T5Config config, Weights weights) {
    this.config = config;
    NDArray shared = weights.take("shared.weight", config.vocabSize(), config.dModel());
    this.encoder = new T5Stack(config, false, shared, weights);
    this.decoder = new T5Stack(config, true, shared, weights);
    this.lmHead =
        config.tieWordEmbeddings()
            ? shared
            : weights.take("lm_head.weight", config.vocabSize(), config.dModel());
    this.parameters = weights.taken();
  }

  @Override
  public T5Config config() {
    return config;
  }

  @Override
  public Map<String, NDArray> parameters() {
    return parameters;
  }

  @Override
  public void weightsChanged() {
    encoder.weightsChanged();
    decoder.weightsChanged();
  }

  public T5Stack encoder() {
    return encoder;
  }

  public T5Stack decoder() {
    return decoder;
  }

  /** Logits {@code [B, T, V]} from final decoder hidden states. */
  public NDArray lmLogits(NDArray decoderHidden) {
    NDArray h =
        config.scaleDecoderOutputs()
            ? Ops.scale(decoderHidden, (float) Math.pow(config.dModel(), -0.5))
            : decoderHidden;
    return Ops.linear(h, lmHead, null);
  }

  /** The LM head {@code [V, d_model]} (the shared embedding when tied). */
  NDArray lmHead() {
    return lmHead;
  }

  /** Encoder states, final decoder states and logits of one teacher-forced pass. */
  public record Output(NDArray encoderHidden, NDArray decoderHidden, NDArray logits) {}

  /**
   * A full teacher-forced pass ({@code T5ForConditionalGeneration.forward}).
   *
   * @param encoderMask {@code [B, S]} padding mask of the sources; null for none
   * @param decoderIds {@code [B, T]}: the start id then the targets shifted right
   */
  public Output forward(NDArray encoderIds, NDArray encoderMask, NDArray decoderIds) {
    NDArray enc = encoder.encode(encoderIds, encoderMask);
    NDArray dec = decoder.decode(decoderIds, null, enc, encoderMask, null);
    return new Output(enc, dec, lmLogits(dec));
  }
}
