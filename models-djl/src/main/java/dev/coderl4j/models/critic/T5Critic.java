package dev.coderl4j.models.critic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticHead;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.LabelledSample;
import dev.coderl4j.core.critic.ValueMatrix;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.models.hf.Checkpoint;
import dev.coderl4j.models.hf.CheckpointWriter;
import dev.coderl4j.models.lm.AdamW;
import dev.coderl4j.models.lm.Autograd;
import dev.coderl4j.models.lm.Ops;
import dev.coderl4j.models.lm.T5Config;
import dev.coderl4j.models.lm.T5Model;
import dev.coderl4j.models.lm.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * CodeRL's critic (§3.3): a T5 encoder-decoder that reads the problem (encoder) and a program
 * (decoder), max-pools the final decoder states {@code h_1..h_T} and classifies them with one
 * linear layer, {@code û = softmax(Linear(h^pool))}; the same layer on each {@code h_t} gives the
 * token values {@code v̂_t}. Trained with AdamW on {@code −log p(u)} (Eq. 9).
 *
 * <p>The decoder reads {@code [start, w_1, …, w_T]} and {@code h_t} is taken at the position whose
 * input is {@code w_t}, so that {@code v̂_t} is a value of the prefix {@code w_1..t} as the paper
 * defines it ({@code p(PassedTest | w_1:t, D)}), not of {@code w_1..t−1}. The head is stored in the
 * same safetensors file as the backbone ({@code critic_head.weight}, {@code critic_head.bias}),
 * which Hugging Face loaders ignore.
 */
public final class T5Critic implements Critic {
  /** The plugin name. */
  public static final String NAME = "codet5-critic";

  static final String HEAD_WEIGHT = "critic_head.weight";
  static final String HEAD_BIAS = "critic_head.bias";
  // AdamW's moment decays and epsilon: transformers' defaults, as for the actor.
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final T5CriticParams params;
  private final NDManager manager;
  private final T5Config config;
  private final String configJson;
  private final Path tokenizerDir;
  private final T5Model model;
  private final NDArray headWeight;
  private final NDArray headBias;
  private final Map<String, NDArray> trainable;
  private final AdamW optimizer;
  private double accumulatedLoss;
  private long accumulatedSamples;

  /** Builds {@code codet5-critic} from its params. */
  public static final class Factory extends ParamsFactory<Critic, T5CriticParams> {
    public Factory() {
      super(T5CriticParams.class);
    }

    @Override
    protected Critic build(T5CriticParams params) {
      return open(params);
    }

    /**
     * The same settings on a folder {@link #save} wrote (or a finished critic stage's directory);
     * the label set is the one the checkpoint was saved with.
     */
    @Override
    protected Critic reopenFrom(T5CriticParams params, Path checkpoint) {
      return open(params.with(checkpoint.toString(), savedLabels(resolve(checkpoint))));
    }
  }

  private T5Critic(
      T5CriticParams params,
      NDManager manager,
      T5Config config,
      String configJson,
      Path tokenizerDir,
      T5Model model,
      NDArray headWeight,
      NDArray headBias) {
    this.params = params;
    this.manager = manager;
    this.config = config;
    this.configJson = configJson;
    this.tokenizerDir = tokenizerDir;
    this.model = model;
    this.headWeight = headWeight;
    this.headBias = headBias;
    Map<String, NDArray> t = new LinkedHashMap<>();
    model
        .parameters()
        .forEach(
            (k, v) -> {
              // The LM head is not part of the critic; only parameters on its path are trained.
              if (!k.equals("lm_head.weight")) {
                t.put(k, v);
              }
            });
    t.put(HEAD_WEIGHT, headWeight);
    t.put(HEAD_BIAS, headBias);
    this.trainable = t;
    for (NDArray p : trainable.values()) {
      p.setRequiresGradient(true);
    }
    this.optimizer =
        new AdamW(
            trainable,
            new AdamW.Settings(
                params.learningRate(),
                params.weightDecay(),
                BETA1,
                BETA2,
                EPS,
                params.maxGradNorm()),
            manager);
  }

  /** Loads the backbone (and the head, if the folder has one) that {@code params} names. */
  public static T5Critic open(T5CriticParams params) {
    Path dir = resolve(Path.of(params.checkpoint()));
    NDManager manager = NDManager.newBaseManager();
    try {
      if (params.threads() > 0) {
        Autograd.setThreads(params.threads()); // after the engine is loaded by the manager
      }
      Checkpoint c = Checkpoint.open(dir);
      Map<String, NDArray> tensors = c.load(manager, DataType.FLOAT32);
      String json = c.configJson();
      T5Config config = parseConfig(json);
      T5Model model = new T5Model(config, new Weights(c, tensors));
      int classes = params.labels().size();
      NDArray w = tensors.get(HEAD_WEIGHT);
      NDArray b = tensors.get(HEAD_BIAS);
      if (w == null || b == null) {
        // A new head: small normal weights (T5's initialiser scale for d_model^-0.5 fan-in) and
        // zero bias.
        Random r = new Random(params.seed());
        float[] init = new float[classes * config.dModel()];
        double std = Math.pow(config.dModel(), -0.5);
        for (int i = 0; i < init.length; i++) {
          init[i] = (float) (r.nextGaussian() * std);
        }
        w = manager.create(init, new Shape(classes, config.dModel()));
        b = manager.zeros(new Shape(classes));
      } else if (w.getShape().get(0) != classes) {
        throw new IllegalArgumentException(
            "critic checkpoint "
                + dir
                + " has a head for "
                + w.getShape().get(0)
                + " classes, but labels "
                + params.labels()
                + " need "
                + classes
                + "; open it with the label set it was trained with");
      }
      return new T5Critic(params, manager, config, json, dir, model, w, b);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * A model folder as given, or, for a critic stage's directory (one with {@code state.json} and no
   * {@code config.json}), the checkpoint that stage finished with, so configs can name {@code
   * runs/x/critic/binary} without knowing the step count.
   */
  static Path resolve(Path dir) {
    if (java.nio.file.Files.exists(dir.resolve("config.json"))
        || !java.nio.file.Files.exists(dir.resolve("state.json"))) {
      return dir;
    }
    var state = new dev.coderl4j.core.training.StageDir(dir).state().orElseThrow();
    if (!state.done() || state.checkpoint().isEmpty()) {
      throw new IllegalArgumentException(
          dir + " is a critic stage that has not finished; run the critic stage first");
    }
    return dir.resolve(state.checkpoint());
  }

  /** The label set {@code critic.json} in a saved critic's folder names. */
  static LabelSet savedLabels(Path dir) {
    Path file = dir.resolve("critic.json");
    try {
      JsonNode saved = new ObjectMapper().readTree(file.toFile());
      return LabelSet.valueOf(saved.path("labels").asText());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the label set of the critic saved in "
              + dir
              + " ("
              + file
              + ": "
              + e.getMessage()
              + "); reopen a folder the critic's save wrote",
          e);
    }
  }

  /**
   * Reads a T5 {@code config.json} with the model layer's parser; other architectures are refused.
   */
  static T5Config parseConfig(String json) {
    if (dev.coderl4j.models.lm.Backbones.builtIn().parse(json) instanceof T5Config t5) {
      return t5;
    }
    throw new IllegalArgumentException("the critic needs a T5/CodeT5 checkpoint (model_type t5)");
  }

  @Override
  public LabelSet labels() {
    return params.labels();
  }

  /** The classification head as plain arrays, for comparing with {@link CriticHead}. */
  public CriticHead head() {
    int classes = (int) headWeight.getShape().get(0);
    float[] w = headWeight.toFloatArray();
    float[][] rows = new float[classes][];
    for (int c = 0; c < classes; c++) {
      rows[c] = java.util.Arrays.copyOfRange(w, c * config.dModel(), (c + 1) * config.dModel());
    }
    return CriticHead.of(rows, headBias.toFloatArray());
  }

  private record Batch(
      NDArray src,
      NDArray srcMask,
      NDArray dec,
      NDArray decMask,
      NDArray progMask,
      int[] lengths,
      int maxLen) {}

  private Batch batch(NDManager m, List<TokenPair> pairs) {
    int b = pairs.size();
    int s = 1;
    int t = 1;
    int[] lengths = new int[b];
    for (int i = 0; i < b; i++) {
      TokenPair p = pairs.get(i);
      s = Math.max(s, Math.min(p.source().size(), params.maxSourceTokens()));
      lengths[i] = Math.min(p.target().size(), params.maxProgramTokens());
      if (lengths[i] == 0) {
        throw new IllegalArgumentException(
            "the critic needs at least one program token (pair " + i + ")");
      }
      t = Math.max(t, lengths[i]);
    }
    long[][] src = new long[b][s];
    long[][] srcMask = new long[b][s];
    long[][] dec = new long[b][t + 1];
    long[][] decMask = new long[b][t + 1];
    float[] progMask = new float[b * t];
    for (int i = 0; i < b; i++) {
      Tokens source = pairs.get(i).source();
      int sl = Math.min(source.size(), params.maxSourceTokens());
      java.util.Arrays.fill(src[i], config.padTokenId());
      for (int j = 0; j < sl; j++) {
        src[i][j] = source.get(j);
        srcMask[i][j] = 1;
      }
      if (sl == 0) {
        srcMask[i][0] = 1; // an empty problem still needs one visible key
      }
      Tokens target = pairs.get(i).target();
      java.util.Arrays.fill(dec[i], config.padTokenId());
      dec[i][0] = config.decoderStartTokenId();
      decMask[i][0] = 1;
      for (int j = 0; j < lengths[i]; j++) {
        dec[i][j + 1] = target.get(j);
        decMask[i][j + 1] = 1;
        progMask[i * t + j] = 1f;
      }
    }
    return new Batch(
        Ops.ids(m, src),
        Ops.ids(m, srcMask),
        Ops.ids(m, dec),
        Ops.ids(m, decMask),
        m.create(progMask, new Shape(b, t, 1)),
        lengths,
        t);
  }

  /**
   * Final decoder states of the program tokens, {@code [B, T, d]} (padded rows beyond each length).
   */
  private NDArray states(Batch x) {
    NDArray enc = model.encoder().encode(x.src(), x.srcMask());
    NDArray dec = model.decoder().decode(x.dec(), x.decMask(), enc, x.srcMask(), null);
    return dec.get(new NDIndex(":, 1:, :"));
  }

  private NDArray pooledLogits(NDArray h, Batch x) {
    NDArray masked = h.add(x.progMask().sub(1f).mul(1e9f));
    return Ops.linear(masked.max(new int[] {1}), headWeight, headBias);
  }

  /** The final decoder states of each program token, for tests and analysis. */
  public List<float[][]> hiddenStates(List<TokenPair> pairs) {
    return Autograd.inference(
        () -> {
          try (NDScope scope = new NDScope();
              NDManager m = manager.newSubManager()) {
            Batch x = batch(m, pairs);
            float[] h = states(x).toFloatArray();
            int d = config.dModel();
            List<float[][]> out = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
              float[][] rows = new float[x.lengths()[i]][];
              for (int t = 0; t < rows.length; t++) {
                int off = (i * x.maxLen() + t) * d;
                rows[t] = java.util.Arrays.copyOfRange(h, off, off + d);
              }
              out.add(rows);
            }
            return out;
          }
        });
  }

  @Override
  public List<CriticPrediction> predict(List<TokenPair> pairs) {
    if (pairs.isEmpty()) {
      return List.of();
    }
    return Autograd.inference(
        () -> {
          try (NDScope scope = new NDScope();
              NDManager m = manager.newSubManager()) {
            Batch x = batch(m, pairs);
            NDArray h = states(x);
            float[] tokens = Ops.linear(h, headWeight, headBias).softmax(-1).toFloatArray();
            float[] outcome = pooledLogits(h, x).softmax(-1).toFloatArray();
            int c = params.labels().size();
            List<CriticPrediction> out = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
              float[][] v = new float[x.lengths()[i]][c];
              for (int t = 0; t < v.length; t++) {
                System.arraycopy(tokens, (i * x.maxLen() + t) * c, v[t], 0, c);
              }
              List<Double> o = new ArrayList<>(c);
              for (int k = 0; k < c; k++) {
                o.add((double) outcome[i * c + k]);
              }
              out.add(new CriticPrediction(o, ValueMatrix.of(v, c)));
            }
            return out;
          }
        });
  }

  @Override
  public double accumulateGradients(List<LabelledSample> samples, double scale) {
    if (samples.isEmpty()) {
      return 0;
    }
    double loss =
        Autograd.recording(
            () -> {
              try (NDScope scope = new NDScope();
                  NDManager m = manager.newSubManager()) {
                Batch x = batch(m, samples.stream().map(LabelledSample::pair).toList());
                long[] labels =
                    samples.stream().mapToLong(s -> params.labels().index(s.label())).toArray();
                NDArray logits = pooledLogits(states(x), x);
                NDArray nll =
                    logits
                        .logSoftmax(-1)
                        .gather(m.create(labels, new Shape(labels.length, 1)), -1)
                        .neg();
                NDArray total =
                    Ops.scale(nll.sum(), (float) scale); // Ops.scale: safe under autograd
                Autograd.backward(total);
                return (double) total.getFloat();
              }
            });
    accumulatedLoss += loss;
    accumulatedSamples += samples.size();
    return loss;
  }

  @Override
  public StepStats step() {
    double lr = params.learningRate();
    double norm =
        Autograd.inference(
            () -> {
              double n = optimizer.gradNorm();
              optimizer.step(n);
              return n;
            });
    StepStats s = new StepStats(accumulatedLoss, accumulatedSamples, norm, lr);
    accumulatedLoss = 0;
    accumulatedSamples = 0;
    return s;
  }

  @Override
  public void save(Path dir) {
    Map<String, NDArray> weights = new LinkedHashMap<>(model.parameters());
    weights.put(HEAD_WEIGHT, headWeight);
    weights.put(HEAD_BIAS, headBias);
    CheckpointWriter.save(dir, weights, configJson, tokenizerDir);
    try {
      java.nio.file.Files.writeString(
          dir.resolve("critic.json"),
          "{\"plugin\": \""
              + NAME
              + "\", \"labels\": \""
              + params.labels()
              + "\", \"classes\": "
              + params.labels().names().stream().map(n -> "\"" + n + "\"").toList()
              + "}\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write critic.json in " + dir, e);
    }
  }

  @Override
  public void close() {
    optimizer.close();
    manager.close();
  }
}
