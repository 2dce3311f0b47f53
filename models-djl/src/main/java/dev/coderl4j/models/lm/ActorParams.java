package dev.coderl4j.models.lm;

import ai.djl.Device;

/**
 * How to load and train an actor. Optimiser defaults are CodeRL's fine-tuning settings ({@code
 * train.py}: AdamW, learning rate 5e-5, weight decay 0.05, transformers' betas, epsilon and
 * gradient clipping at norm 1.0).
 *
 * @param model a Hugging Face folder ({@code config.json}, weights, tokenizer); default: the
 *     embedded default actor {@code models/codet5-small-ntp-py}
 * @param device {@code cpu} or {@code gpu:N} (needs the {@code cuda} Maven profile, docs/models.md)
 * @param learningRate AdamW step size (5e-5)
 * @param weightDecay decoupled weight decay (0.05)
 * @param beta1 first-moment decay (0.9)
 * @param beta2 second-moment decay (0.999)
 * @param epsilon denominator term (1e-8)
 * @param maxGradNorm clip the global gradient norm to this; 0 turns clipping off (1.0)
 * @param threads libtorch intra-op threads (process-wide); 0 keeps libtorch's choice (1: the build
 *     machine is shared)
 */
public record ActorParams(
    String model,
    String device,
    Double learningRate,
    Double weightDecay,
    Double beta1,
    Double beta2,
    Double epsilon,
    Double maxGradNorm,
    Integer threads) {

  /** The embedded default actor, relative to the working directory (the repository root). */
  public static final String DEFAULT_MODEL = "models/codet5-small-ntp-py";

  public ActorParams {
    model = model == null ? DEFAULT_MODEL : model;
    device = device == null ? "cpu" : device.strip();
    learningRate = learningRate == null ? 5e-5 : learningRate;
    weightDecay = weightDecay == null ? 0.05 : weightDecay;
    beta1 = beta1 == null ? 0.9 : beta1;
    beta2 = beta2 == null ? 0.999 : beta2;
    epsilon = epsilon == null ? 1e-8 : epsilon;
    maxGradNorm = maxGradNorm == null ? 1.0 : maxGradNorm;
    threads = threads == null ? 1 : threads;
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must name a Hugging Face model folder");
    }
    parseDevice(device);
    if (!(learningRate >= 0)) {
      throw new IllegalArgumentException("learningRate must be >= 0, got " + learningRate);
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(
          "beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    }
    if (!(maxGradNorm >= 0)) {
      throw new IllegalArgumentException(
          "maxGradNorm must be >= 0 (0: no clipping), got " + maxGradNorm);
    }
    if (threads < 0) {
      throw new IllegalArgumentException(
          "threads must be >= 0 (0: libtorch's default), got " + threads);
    }
  }

  /** Defaults for the model folder {@code model}. */
  public static ActorParams of(String model) {
    return new ActorParams(model, null, null, null, null, null, null, null, null);
  }

  /** The same params on another device. */
  public ActorParams withDevice(String newDevice) {
    return new ActorParams(
        model, newDevice, learningRate, weightDecay, beta1, beta2, epsilon, maxGradNorm, threads);
  }

  /** The same params on another model folder (a checkpoint a stage saved). */
  public ActorParams withModel(String newModel) {
    return new ActorParams(
        newModel, device, learningRate, weightDecay, beta1, beta2, epsilon, maxGradNorm, threads);
  }

  /** The DJL device {@code cpu} or {@code gpu:N} names. */
  public Device djlDevice() {
    return parseDevice(device);
  }

  static Device parseDevice(String name) {
    if (name.equals("cpu")) {
      return Device.cpu();
    }
    if (name.matches("gpu:\\d+")) {
      return Device.gpu(Integer.parseInt(name.substring(4)));
    }
    throw new IllegalArgumentException(
        "device must be 'cpu' or 'gpu:N' (e.g. gpu:0), got '" + name + "'");
  }
}
