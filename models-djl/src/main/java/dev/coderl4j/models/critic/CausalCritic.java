package dev.coderl4j.models.critic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.inject.Inject;
import dev.coderl4j.core.critic.Critic;
import dev.coderl4j.core.critic.CriticHead;
import dev.coderl4j.core.critic.CriticPrediction;
import dev.coderl4j.core.critic.LabelSet;
import dev.coderl4j.core.critic.LabelledSample;
import dev.coderl4j.core.critic.ValueMatrix;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.models.hf.Checkpoint;
import dev.coderl4j.models.hf.CheckpointWriter;
import dev.coderl4j.models.lm.ActorParams;
import dev.coderl4j.models.lm.AdamW;
import dev.coderl4j.models.lm.Autograd;
import dev.coderl4j.models.lm.Backbones;
import dev.coderl4j.models.lm.CausalLm;
import dev.coderl4j.models.lm.LanguageModel;
import dev.coderl4j.models.lm.Ops;
import dev.coderl4j.models.lm.T5Model;
import dev.coderl4j.models.lm.Weights;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * CodeRL's critic (§3.3, Eq. 9) on any decoder-only backbone, for GPT-style actors (§4.1: the paper
 * trains a GPT-2-small critic for its GPT actors): the backbone reads the problem then the program
 * as one sequence, the final hidden states {@code h_1..h_T} of the program tokens are max-pooled
 * and classified by one linear layer, {@code û = softmax(Linear(h^pool))}, and the same layer on
 * each {@code h_t} gives the token values {@code v̂_t}. Trained with AdamW on {@code −log p(u)}.
 *
 * <p>{@code h_t} is the state at the position whose input is {@code w_t}, so that it has read
 * {@code D, w_1..t} and {@code v̂_t} is a value of the prefix {@code w_1..t}, as the paper defines
 * it. Rows are right-padded, which changes no real position of a causal model. The LM head is not
 * on the critic's path and is neither trained nor needed; the classification head is saved beside
 * the backbone ({@code critic_head.weight}, {@code critic_head.bias}), as {@code codet5-critic}
 * does.
 */
public final class CausalCritic implements Critic {
  /** The plugin name. */
  public static final String NAME = "causal-critic";

  private final CausalCriticParams params;
  private final NDManager manager;
  private final String configJson;
  private final Path tokenizerDir;
  private final CausalLm model;
  private final NDArray headWeight;
  private final NDArray headBias;
  private final Map<String, NDArray> trainable;
  private final AdamW optimizer;
  private double accumulatedLoss;
  private long accumulatedSamples;

  /** Builds {@code causal-critic} from its params with the registered backbones. */
  public static final class Factory extends ParamsFactory<Critic, CausalCriticParams> {
    private final Backbones backbones;

    @Inject
    Factory(Backbones backbones) {
      super(CausalCriticParams.class);
      this.backbones = backbones;
    }

    @Override
    protected Critic build(CausalCriticParams params) {
      return open(params, backbones);
    }
  }

  private CausalCritic(
      CausalCriticParams params,
      NDManager manager,
      String configJson,
      Path tokenizerDir,
      CausalLm model,
      NDArray headWeight,
      NDArray headBias) {
    this.params = params;
    this.manager = manager;
    this.configJson = configJson;
    this.tokenizerDir = tokenizerDir;
    this.model = model;
    this.headWeight = headWeight;
    this.headBias = headBias;
    Set<NDArray> lmHead = Collections.newSetFromMap(new IdentityHashMap<>());
    lmHead.add(model.head().weight());
    if (model.head().bias() != null) {
      lmHead.add(model.head().bias());
    }
    lmHead.remove(model.tokenEmbedding()); // a tied head is the embedding, which the critic reads
    Map<String, NDArray> t = new LinkedHashMap<>();
    model
        .parameters()
        .forEach(
            (k, v) -> {
              if (!lmHead.contains(v)) {
                t.put(k, v);
              }
            });
    t.put(T5Critic.HEAD_WEIGHT, headWeight);
    t.put(T5Critic.HEAD_BIAS, headBias);
    this.trainable = t;
    for (NDArray p : trainable.values()) {
      p.setRequiresGradient(true);
    }
    // The actor's AdamW (torch.optim.AdamW's update, clip_grad_norm_) with transformers' betas
    // and epsilon, as for the actor and the T5 critic.
    ActorParams defaults = ActorParams.of(tokenizerDir.toString());
    this.optimizer =
        new AdamW(
            trainable,
            new AdamW.Settings(
                params.learningRate(),
                params.weightDecay(),
                defaults.beta1(),
                defaults.beta2(),
                defaults.epsilon(),
                params.maxGradNorm()),
            manager);
  }

  /** Loads the backbone (and the head, if the folder has one) with the built-in backbones. */
  public static CausalCritic open(CausalCriticParams params) {
    return open(params, Backbones.builtIn());
  }

  /** Loads the backbone (and the head, if the folder has one) that {@code params} names. */
  public static CausalCritic open(CausalCriticParams params, Backbones backbones) {
    Path dir = T5Critic.resolve(Path.of(params.checkpoint()));
    NDManager manager = NDManager.newBaseManager();
    try {
      if (params.threads() > 0) {
        Autograd.setThreads(params.threads());
      }
      Checkpoint c = Checkpoint.open(dir);
      Map<String, NDArray> tensors = c.load(manager, DataType.FLOAT32);
      String json = c.configJson();
      LanguageModel lm = backbones.parse(json).build(new Weights(c, tensors), manager);
      CausalLm model =
          switch (lm) {
            case CausalLm m -> m;
            case T5Model t ->
                throw new IllegalArgumentException(
                    "causal-critic needs a decoder-only checkpoint (gpt-neo, gptj, llama, qwen2); "
                        + dir
                        + " is T5: use {type: codet5-critic} for it");
          };
      int classes = params.labels().size();
      int d = model.config().hiddenSize();
      NDArray w = tensors.get(T5Critic.HEAD_WEIGHT);
      NDArray b = tensors.get(T5Critic.HEAD_BIAS);
      if (w == null || b == null) {
        // A new head: normal weights with std d^-0.5 (unit-variance logits) and zero bias.
        Random r = new Random(params.seed());
        float[] init = new float[classes * d];
        double std = Math.pow(d, -0.5);
        for (int i = 0; i < init.length; i++) {
          init[i] = (float) (r.nextGaussian() * std);
        }
        w = manager.create(init, new Shape(classes, d));
        b = manager.zeros(new Shape(classes));
      } else if (w.getShape().get(0) != classes || w.getShape().get(1) != d) {
        throw new IllegalArgumentException(
            "critic checkpoint "
                + dir
                + " has a head "
                + w.getShape()
                + " but labels "
                + params.labels()
                + " over width "
                + d
                + " need ("
                + classes
                + ", "
                + d
                + "); open it with the label set it was trained with");
      }
      return new CausalCritic(params, manager, json, dir, model, w, b);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  @Override
  public LabelSet labels() {
    return params.labels();
  }

  /** The classification head as plain arrays, for comparing with {@link CriticHead}. */
  public CriticHead head() {
    int classes = (int) headWeight.getShape().get(0);
    int d = (int) headWeight.getShape().get(1);
    float[] w = headWeight.toFloatArray();
    float[][] rows = new float[classes][];
    for (int c = 0; c < classes; c++) {
      rows[c] = java.util.Arrays.copyOfRange(w, c * d, (c + 1) * d);
    }
    return CriticHead.of(rows, headBias.toFloatArray());
  }

  /**
   * A right-padded batch: ids and positions {@code [B, L]}, the program mask {@code [B, L, 1]}, and
   * per row where its program starts and how many of its tokens are read.
   */
  private record Batch(
      NDArray ids,
      NDArray positions,
      NDArray programMask,
      int[] starts,
      int[] lengths,
      int width) {}

  private Batch batch(NDManager m, List<TokenPair> pairs) {
    int b = pairs.size();
    int[] starts = new int[b];
    int[] lengths = new int[b];
    int width = 1;
    for (int i = 0; i < b; i++) {
      TokenPair p = pairs.get(i);
      starts[i] = Math.min(p.source().size(), params.maxSourceTokens());
      lengths[i] = Math.min(p.target().size(), params.maxProgramTokens());
      if (lengths[i] == 0) {
        throw new IllegalArgumentException(
            "the critic needs at least one program token (pair " + i + ")");
      }
      width = Math.max(width, starts[i] + lengths[i]);
    }
    if (width > model.maxPositions()) {
      throw new IllegalArgumentException(
          "a problem and program of "
              + width
              + " tokens exceed the critic backbone's "
              + model.maxPositions()
              + " positions; lower maxSourceTokens or maxProgramTokens");
    }
    long[][] ids = new long[b][width];
    long[][] pos = new long[b][width];
    float[] mask = new float[b * width];
    for (int i = 0; i < b; i++) {
      java.util.Arrays.fill(ids[i], model.config().eosTokenId());
      TokenPair p = pairs.get(i);
      for (int j = 0; j < starts[i]; j++) {
        ids[i][j] = p.source().get(j);
      }
      for (int j = 0; j < lengths[i]; j++) {
        ids[i][starts[i] + j] = p.target().get(j);
        mask[i * width + starts[i] + j] = 1f;
      }
      for (int j = 0; j < width; j++) {
        pos[i][j] = j;
      }
    }
    return new Batch(
        Ops.ids(m, ids),
        Ops.ids(m, pos),
        m.create(mask, new Shape(b, width, 1)),
        starts,
        lengths,
        width);
  }

  /** Final hidden states {@code [B, L, d]}; padding comes after every real token, so no mask. */
  private NDArray states(Batch x) {
    return model.forward(x.ids(), x.positions(), null, null);
  }

  private NDArray pooledLogits(NDArray h, Batch x) {
    NDArray masked = h.add(x.programMask().sub(1f).mul(1e9f));
    return Ops.linear(masked.max(new int[] {1}), headWeight, headBias);
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
                System.arraycopy(tokens, (i * x.width() + x.starts()[i] + t) * c, v[t], 0, c);
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
    double norm =
        Autograd.inference(
            () -> {
              double n = optimizer.gradNorm();
              optimizer.step(n);
              return n;
            });
    StepStats s = new StepStats(accumulatedLoss, accumulatedSamples, norm, params.learningRate());
    accumulatedLoss = 0;
    accumulatedSamples = 0;
    return s;
  }

  @Override
  public void save(Path dir) {
    Map<String, NDArray> weights = new LinkedHashMap<>(model.parameters());
    weights.put(T5Critic.HEAD_WEIGHT, headWeight);
    weights.put(T5Critic.HEAD_BIAS, headBias);
    CheckpointWriter.save(dir, weights, configJson, tokenizerDir);
    try {
      Files.writeString(
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
