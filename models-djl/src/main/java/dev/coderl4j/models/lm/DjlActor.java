package dev.coderl4j.models.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.ModelInfo;
import dev.coderl4j.core.lm.StepStats;
import dev.coderl4j.core.lm.TextTokenizer;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.WeightedSequence;
import dev.coderl4j.core.plugin.ParamsFactory;
import dev.coderl4j.models.hf.Checkpoint;
import dev.coderl4j.models.hf.CheckpointWriter;
import dev.coderl4j.models.hf.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An actor (§3.1, §3.3) on DJL's PyTorch engine: a Hugging Face checkpoint loaded into one of our
 * architectures, decoded with a key/value cache, scored and trained with AdamW.
 *
 * <p>Teacher-forced batches are right-padded: T5's decoder is causal and a causal LM's real tokens
 * never attend to padding after them, so padding changes no real position's result. Dropout is not
 * applied (see docs/models.md). Not thread-safe.
 */
public final class DjlActor implements Actor {
  private final ActorParams params;
  private final Path dir;
  private final String configJson;
  private final NDManager manager;
  private final LanguageModel model;
  private final HfTokenizer tokenizer;
  private final AdamW optimizer;
  private final ModelInfo info;
  private double pendingLoss;
  private long pendingTokens;

  private DjlActor(
      ActorParams params,
      Path dir,
      String configJson,
      NDManager manager,
      LanguageModel model,
      HfTokenizer tokenizer) {
    this.params = params;
    this.dir = dir;
    this.configJson = configJson;
    this.manager = manager;
    this.model = model;
    this.tokenizer = tokenizer;
    for (NDArray p : model.parameters().values()) {
      p.setRequiresGradient(true);
    }
    this.optimizer = new AdamW(model.parameters(), params, manager);
    long count = 0;
    for (NDArray p : model.parameters().values()) {
      count += p.getShape().size();
    }
    LmConfig c = model.config();
    this.info =
        new ModelInfo(
            c.architecture(),
            model instanceof T5Model,
            c.vocabSize(),
            c.hiddenSize(),
            switch (model) {
              case T5Model t -> Integer.MAX_VALUE;
              case CausalLm m -> m.maxPositions();
            },
            count);
  }

  /**
   * Loads the checkpoint folder {@code params.model()} (weights converted to float32) with the
   * backbones {@link LmModule} registers.
   */
  public static DjlActor load(ActorParams params) {
    return load(params, Backbones.builtIn());
  }

  /** Loads the checkpoint folder {@code params.model()} with one of {@code backbones}. */
  public static DjlActor load(ActorParams params, Backbones backbones) {
    Autograd.setThreads(params.threads());
    Path dir = Path.of(params.model());
    Checkpoint checkpoint = Checkpoint.open(dir);
    LmConfig config = backbones.parse(checkpoint.configJson());
    NDManager manager = NDManager.newBaseManager(params.djlDevice(), "PyTorch");
    try {
      Map<String, NDArray> tensors = checkpoint.load(manager, DataType.FLOAT32);
      LanguageModel model = config.build(new Weights(checkpoint, tensors), manager);
      // Tensors the architecture does not use (aliases of tied weights, buffers) are freed.
      Set<NDArray> used = Collections.newSetFromMap(new IdentityHashMap<>());
      used.addAll(model.parameters().values());
      for (NDArray a : tensors.values()) {
        if (!used.contains(a) && !a.isReleased()) {
          a.close();
        }
      }
      HfTokenizer tokenizer = HfTokenizer.load(dir);
      return new DjlActor(params, dir, checkpoint.configJson(), manager, model, tokenizer);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The architecture, for reuse of its blocks (critics) and for benchmarks. */
  public LanguageModel model() {
    return model;
  }

  public ActorParams params() {
    return params;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public DecodingSession startDecoding(List<TokenPair> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    return switch (model) {
      case T5Model t -> new T5DecodingSession(t, manager, inputs);
      case CausalLm c -> new CausalDecodingSession(c, manager, inputs);
    };
  }

  /**
   * Decoding that recomputes the whole sequence at every step instead of caching keys and values:
   * the baseline of {@code coderl bench lm}; same logits as {@link #startDecoding}, slower.
   */
  public DecodingSession startDecodingWithoutCache(List<TokenPair> inputs) {
    return new RecomputingDecodingSession(model, manager, inputs);
  }

  /** The array manager of the model (its device). */
  public NDManager manager() {
    return manager;
  }

  @Override
  public List<float[]> tokenLogProbs(List<TokenPair> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    return Autograd.inference(
        () -> {
          try (NDScope scope = new NDScope()) {
            TeacherForced tf = teacherForced(batch);
            float[] nll = Ops.tokenNll(tf.logits, tf.labels).toFloatArray();
            int len = tf.length;
            List<float[]> out = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
              int[] pos = tf.positions[i];
              float[] lp = new float[pos.length];
              for (int t = 0; t < pos.length; t++) {
                lp[t] = -nll[i * len + pos[t]];
              }
              out.add(lp);
            }
            return out;
          }
        });
  }

  /**
   * Final decoder hidden states at the positions that predict each target token (T5: the decoder
   * input {@code [start, t_1 .. t_{T-1}]}, before the LM head's scaling; causal LMs: the last
   * source token and the targets but the last), {@code [T][hidden]} per input.
   */
  @Override
  public List<float[][]> hiddenStates(List<TokenPair> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    return Autograd.inference(
        () -> {
          try (NDScope scope = new NDScope()) {
            TeacherForced tf = teacherForced(batch);
            int d = model.config().hiddenSize();
            float[] h = tf.hidden.toFloatArray();
            List<float[][]> out = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
              int[] pos = tf.positions[i];
              float[][] rows = new float[pos.length][d];
              for (int t = 0; t < pos.length; t++) {
                System.arraycopy(h, (i * tf.length + pos[t]) * d, rows[t], 0, d);
              }
              out.add(rows);
            }
            return out;
          }
        });
  }

  @Override
  public double accumulateGradients(List<WeightedSequence> batch, double scale) {
    if (batch.isEmpty()) {
      return 0;
    }
    List<TokenPair> pairs = batch.stream().map(WeightedSequence::pair).toList();
    double loss =
        Autograd.recording(
            () -> {
              try (NDScope scope = new NDScope()) {
                TeacherForced tf = teacherForced(pairs);
                float[] w = new float[batch.size() * tf.length];
                for (int i = 0; i < batch.size(); i++) {
                  List<Double> weights = batch.get(i).weights();
                  int[] pos = tf.positions[i];
                  for (int t = 0; t < pos.length; t++) {
                    w[i * tf.length + pos[t]] = (float) (weights.get(t) * scale);
                  }
                }
                NDArray wNd = manager.create(w, new Shape(batch.size(), tf.length));
                NDArray total = Ops.tokenNll(tf.logits, tf.labels).mul(wNd).sum();
                Autograd.backward(total);
                return (double) total.getFloat();
              }
            });
    pendingLoss += loss;
    for (WeightedSequence s : batch) {
      pendingTokens += s.pair().target().size();
    }
    return loss;
  }

  /**
   * Clips and applies the accumulated gradients. {@link StepStats#loss()} is the sum of the losses
   * {@link #accumulateGradients} returned since the last step: the loss these gradients are of.
   */
  @Override
  public StepStats step() {
    double norm =
        Autograd.inference(
            () -> {
              double n = optimizer.gradNorm();
              optimizer.step(n);
              return n;
            });
    model.weightsChanged();
    StepStats stats = new StepStats(pendingLoss, pendingTokens, norm, params.learningRate());
    pendingLoss = 0;
    pendingTokens = 0;
    return stats;
  }

  /** Drops the accumulated gradients without a step. */
  public void zeroGradients() {
    optimizer.zeroGradients();
    pendingLoss = 0;
    pendingTokens = 0;
  }

  @Override
  public void save(Path target) {
    CheckpointWriter.save(target, model.parameters(), configJson, dir);
  }

  @Override
  public void close() {
    optimizer.close();
    tokenizer.close();
    manager.close();
  }

  /**
   * A teacher-forced pass: logits and hidden states {@code [B, L, .]}, labels and target positions.
   */
  private static final class TeacherForced {
    final NDArray logits;
    final NDArray hidden;
    final NDArray labels;

    /** Per row, the column of each target token's prediction. */
    final int[][] positions;

    final int length;

    TeacherForced(NDArray logits, NDArray hidden, NDArray labels, int[][] positions, int length) {
      this.logits = logits;
      this.hidden = hidden;
      this.labels = labels;
      this.positions = positions;
      this.length = length;
    }
  }

  private TeacherForced teacherForced(List<TokenPair> batch) {
    int b = batch.size();
    return switch (model) {
      case T5Model t -> {
        T5Config c = t.config();
        List<int[]> sources = new ArrayList<>();
        List<int[]> inputs = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (TokenPair p : batch) {
          sources.add(p.source().toArray());
          int[] tgt = p.target().toArray();
          int[] in = new int[Math.max(1, tgt.length)];
          in[0] = c.decoderStartTokenId();
          System.arraycopy(tgt, 0, in, 1, Math.max(0, tgt.length - 1));
          inputs.add(in);
          targets.add(tgt);
        }
        int[][] encMask = new int[b][];
        long[][] enc = Rows.rightPad(sources, c.padTokenId(), encMask);
        long[][] dec = Rows.rightPad(inputs, c.padTokenId(), null);
        long[][] labels = Rows.rightPad(targets, -100, null);
        int len = dec[0].length;
        labels = widen(labels, len);
        int[][] positions = new int[b][];
        for (int i = 0; i < b; i++) {
          positions[i] = java.util.stream.IntStream.range(0, targets.get(i).length).toArray();
        }
        NDArray encIds = Ops.ids(manager, enc);
        NDArray encMaskNd = Rows.allOnes(encMask) ? null : Rows.mask(manager, encMask);
        NDArray hidden = t.encoder().encode(encIds, encMaskNd);
        NDArray decHidden =
            t.decoder().decode(Ops.ids(manager, dec), null, hidden, encMaskNd, null);
        yield new TeacherForced(
            t.lmLogits(decHidden), decHidden, Ops.ids(manager, labels), positions, len);
      }
      case CausalLm m -> {
        List<int[]> seqs = new ArrayList<>();
        int[][] positions = new int[b][];
        List<int[]> targets = new ArrayList<>();
        for (TokenPair p : batch) {
          int[] src = p.source().isEmpty() ? new int[] {m.bosTokenId()} : p.source().toArray();
          int[] tgt = p.target().toArray();
          int[] seq = new int[src.length + Math.max(0, tgt.length - 1)];
          System.arraycopy(src, 0, seq, 0, src.length);
          System.arraycopy(tgt, 0, seq, src.length, Math.max(0, tgt.length - 1));
          seqs.add(seq);
          int[] pos = new int[tgt.length];
          for (int t = 0; t < tgt.length; t++) {
            pos[t] = src.length - 1 + t;
          }
          positions[seqs.size() - 1] = pos;
          targets.add(tgt);
        }
        int[][] mask = new int[b][];
        long[][] ids = Rows.rightPad(seqs, model.config().eosTokenId(), mask);
        int len = ids[0].length;
        if (len > m.maxPositions()) {
          throw new IllegalArgumentException(
              "a sequence of "
                  + len
                  + " tokens exceeds the model's "
                  + m.maxPositions()
                  + " positions; truncate the source or target");
        }
        long[][] labels = new long[b][len];
        long[][] posIds = new long[b][len];
        for (int i = 0; i < b; i++) {
          java.util.Arrays.fill(labels[i], -100);
          for (int t = 0; t < positions[i].length; t++) {
            labels[i][positions[i][t]] = targets.get(i)[t];
          }
          for (int j = 0; j < len; j++) {
            posIds[i][j] = j;
          }
        }
        NDArray maskNd = Rows.allOnes(mask) ? null : Rows.mask(manager, mask);
        NDArray hidden = m.forward(Ops.ids(manager, ids), Ops.ids(manager, posIds), maskNd, null);
        yield new TeacherForced(m.logits(hidden), hidden, Ops.ids(manager, labels), positions, len);
      }
    };
  }

  private static long[][] widen(long[][] rows, int len) {
    long[][] out = new long[rows.length][len];
    for (int i = 0; i < rows.length; i++) {
      java.util.Arrays.fill(out[i], -100);
      System.arraycopy(rows[i], 0, out[i], 0, Math.min(len, rows[i].length));
    }
    return out;
  }

  /**
   * Builds the actor of one architecture ({@link Backbones#bind} registers one per backbone); the
   * folder's {@code model_type} must be that architecture's.
   */
  public static final class Factory extends ParamsFactory<Actor, ActorParams> {
    private final String architecture;
    private Backbones backbones;

    /** The factory of the actor plugin {@code architecture}. */
    public Factory(String architecture) {
      super(ActorParams.class);
      this.architecture = architecture;
    }

    /** Guice sets the registered backbones when the injector is made. */
    @com.google.inject.Inject
    void backbones(Backbones registered) {
      this.backbones = registered;
    }

    @Override
    protected Actor build(ActorParams params) {
      DjlActor actor = load(params, backbones);
      if (!actor.info().architecture().equals(architecture)) {
        String found = actor.info().architecture();
        actor.close();
        throw new IllegalArgumentException(
            "model folder "
                + params.model()
                + " holds a '"
                + found
                + "' checkpoint; configure the"
                + " actor as {type: "
                + found
                + "} instead of "
                + architecture);
      }
      return actor;
    }

    /** The same settings (device, optimiser, threads) on the folder {@link #save} wrote. */
    @Override
    protected Actor reopenFrom(ActorParams params, Path checkpoint) {
      return build(params.withModel(checkpoint.toString()));
    }
  }
}
