package dev.coderl4j.models.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.coderl4j.core.lm.DecodingSession;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.lm.WeightedSequence;
import dev.coderl4j.core.progress.Progress;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.models.hf.CheckpointWriter;
import dev.coderl4j.models.lm.ActorParams;
import dev.coderl4j.models.lm.Autograd;
import dev.coderl4j.models.lm.Backbones;
import dev.coderl4j.models.lm.DjlActor;
import dev.coderl4j.models.lm.LanguageModel;
import dev.coderl4j.models.lm.LmConfig;
import dev.coderl4j.models.lm.LmForward;
import dev.coderl4j.models.lm.T5Config;
import dev.coderl4j.models.lm.Weights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coderl bench lm}: (a) one training step (forward, backward, AdamW) of the default CodeT5
 * actor on a batch of 8 x 256 tokens, ours against PyTorch eager on the same weights, batch and
 * thread count (a small PyTorch T5 written out below; Debian's {@code python3-torch}); with {@code
 * --random-config} a model of another architecture and shape (random weights, the T5's tokenizer)
 * is benched instead and its step is compared with the T5 actor's on the same batch; (b) sampling
 * throughput with and without the key/value cache at batch 1 and 32, cached and uncached runs
 * alternating so that both see the same load, reported as the median of the per-pair ratios; (c)
 * with {@code --memory-config}, peak memory and tokens/s of one forward and backward pass of a
 * model of that shape (random weights) at batch 1 x 512. Reports ratios measured in the same run.
 */
@Command(
    name = "lm",
    mixinStandardHelpOptions = true,
    description =
        "Training step vs PyTorch eager, and sampling tokens/s with vs without the KV cache.")
public final class BenchLmCommand implements Callable<Integer> {
  private final Injector injector;

  /** The command, with the CLI's injector (for the registered backbones). */
  public BenchLmCommand(Injector injector) {
    this.injector = injector;
  }

  @Option(
      names = "--model",
      defaultValue = ActorParams.DEFAULT_MODEL,
      description =
          "The actor to bench, or with --random-config the T5 baseline whose tokenizer the random"
              + " model uses (default: ${DEFAULT-VALUE}).")
  Path model;

  @Option(
      names = "--batch",
      defaultValue = "8",
      description = "Training batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--tokens",
      defaultValue = "256",
      description = "Source and target tokens per training row (default: ${DEFAULT-VALUE}).")
  int tokens;

  @Option(
      names = "--steps",
      defaultValue = "5",
      description = "Timed training steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--warmup",
      defaultValue = "2",
      description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--new-tokens",
      defaultValue = "128",
      description = "Tokens sampled per row (default: ${DEFAULT-VALUE}).")
  int newTokens;

  @Option(
      names = "--sample-batches",
      split = ",",
      defaultValue = "1,32",
      description = "Sampling batch sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> sampleBatches;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Intra-op threads for both engines (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--python",
      defaultValue = "/usr/bin/python3",
      description =
          "A Python with torch (apt-get install -y python3-torch; default: ${DEFAULT-VALUE}).")
  String python;

  @Option(names = "--skip-pytorch", description = "Measure ours only.")
  boolean skipPytorch;

  @Option(names = "--skip-training", description = "Measure sampling only (part b).")
  boolean skipTraining;

  @Option(
      names = "--sample-repeats",
      defaultValue = "3",
      description =
          "Cached/uncached pairs per sampling batch; medians are reported (default:"
              + " ${DEFAULT-VALUE}).")
  int sampleRepeats;

  @Option(
      names = "--out",
      defaultValue = "runs/bench-lm",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--random-config",
      description =
          "Bench a model of this config.json's shape with random weights (tokenizer of --model,"
              + " which must then be T5: its training step is the baseline), e.g."
              + " configs/shapes/qwen2-6x256.json.")
  Path randomConfig;

  @Option(
      names = "--memory-config",
      description =
          "Also measure peak memory and tokens/s of a forward + backward pass of this shape with"
              + " random weights, e.g. configs/shapes/qwen2.5-coder-0.5b.json (run first, so the"
              + " process peak is its own).")
  Path memoryConfig;

  @Option(
      names = "--memory-tokens",
      defaultValue = "512",
      description = "Tokens per row of the memory pass (default: ${DEFAULT-VALUE}).")
  int memoryTokens;

  @Option(
      names = "--memory-batch",
      defaultValue = "1",
      description = "Rows of the memory pass (default: ${DEFAULT-VALUE}).")
  int memoryBatch;

  @Option(
      names = "--memory-steps",
      defaultValue = "2",
      description =
          "Timed forward + backward passes after one untimed (default: ${DEFAULT-VALUE}).")
  int memorySteps;

  @Option(names = "--skip-sampling", description = "Measure no sampling (part b).")
  boolean skipSampling;

  @Override
  public Integer call() throws Exception {
    if (sampleRepeats < 1) {
      throw new IllegalArgumentException(
          "--sample-repeats must be at least 1, got " + sampleRepeats);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", model.toString());
    config.put("batch", batch);
    config.put("tokens", tokens);
    config.put("steps", steps);
    config.put("warmup", warmup);
    config.put("newTokens", newTokens);
    config.put("sampleBatches", sampleBatches);
    config.put("threads", threads);
    config.put("sampleRepeats", sampleRepeats);
    config.put("skipTraining", skipTraining);
    Map<String, Object> doc = new LinkedHashMap<>();
    config.put("randomConfig", randomConfig == null ? null : randomConfig.toString());
    config.put("memoryConfig", memoryConfig == null ? null : memoryConfig.toString());
    Backbones backbones = injector.getInstance(Backbones.class);
    Files.createDirectories(out);
    StringBuilder table = new StringBuilder();
    Autograd.setThreads(threads);
    if (memoryConfig != null) {
      // First, so that the process's peak resident memory is this pass's.
      Map<String, Object> mem = memoryPass(backbones);
      doc.put("memory", mem);
      table.append(
          String.format(
              Locale.ROOT,
              "## (c) Forward + backward, %s, random weights, batch %d x %d tokens%n%n| parameters"
                  + " | weights (float32) | RSS before | RSS with weights | peak RSS | peak -"
                  + " before | median pass (s) | tokens/s |%n|---|---|---|---|---|---|---|---|%n|"
                  + " %,d | %.0f MB | %.0f MB | %.0f MB | %.0f MB | %.0f MB | %.1f | %.1f |%n%n",
              memoryConfig,
              memoryBatch,
              memoryTokens,
              mem.get("parameters"),
              mem.get("weightsMb"),
              mem.get("rssBeforeMb"),
              mem.get("rssWithWeightsMb"),
              mem.get("peakRssMb"),
              mem.get("peakIncreaseMb"),
              mem.get("passSeconds"),
              mem.get("tokensPerSecond")));
    }
    Path benched = model;
    if (randomConfig != null) {
      benched = out.resolve("random-model");
      writeRandomCheckpoint(backbones, randomConfig, model, benched);
    }
    ActorParams params =
        new ActorParams(benched.toString(), "cpu", null, null, null, null, null, null, threads);
    table.insert(
        0,
        "# coderl bench lm\n\nModel "
            + benched
            + (randomConfig == null
                ? ""
                : " (random weights of " + randomConfig + ", tokenizer of " + model + ")")
            + ", "
            + threads
            + " intra-op thread(s) (other work may share the machine: read the ratios).\n\n");
    try (DjlActor actor = DjlActor.load(params, backbones)) {
      boolean t5 = actor.info().encoderDecoder();
      if (skipTraining) {
        table.append("## (a) Training step: skipped (--skip-training)\n\n");
      } else {
        Map<String, Object> train = new LinkedHashMap<>();
        TrainBatch tb = randomBatch(actor.info().vocabSize());
        table
            .append("## (a) Training step, batch ")
            .append(batch)
            .append(" x ")
            .append(tokens)
            .append(" source + ")
            .append(tokens)
            .append(" target tokens (forward + backward + AdamW)\n\n")
            .append(
                "| engine | parameters | median step (s) | first-step loss |\n|---|---|---|---|\n");
        Map<String, Object> ours = timeSteps(actor, tb, "ours");
        train.put("oursSeconds", ours.get("seconds"));
        train.put("oursStepSeconds", ours.get("stepSeconds"));
        train.put("oursLoss", ours.get("loss"));
        train.put("oursParameters", actor.info().parameters());
        table.append(
            String.format(
                Locale.ROOT,
                "| coderl4j %s (DJL %s, libtorch %s) | %,d | %.3f | %.5f |%n",
                actor.info().architecture(),
                ai.djl.engine.Engine.getDjlVersion(),
                ai.djl.engine.Engine.getEngine("PyTorch").getVersion(),
                actor.info().parameters(),
                ours.get("seconds"),
                ours.get("loss")));
        if (!t5) {
          // The baseline: the T5 actor --model names, same batch, same run.
          try (DjlActor base =
              DjlActor.load(
                  new ActorParams(
                      model.toString(), "cpu", null, null, null, null, null, null, threads),
                  backbones)) {
            if (!base.info().encoderDecoder()) {
              throw new IllegalArgumentException(
                  "--model must be a T5/CodeT5 folder (the baseline); "
                      + model
                      + " is "
                      + base.info().architecture());
            }
            Map<String, Object> t5Step = timeSteps(base, tb, "T5 baseline");
            train.put("t5Seconds", t5Step.get("seconds"));
            train.put("t5StepSeconds", t5Step.get("stepSeconds"));
            train.put("t5Parameters", base.info().parameters());
            train.put("ratioToT5", (double) ours.get("seconds") / (double) t5Step.get("seconds"));
            table.append(
                String.format(
                    Locale.ROOT,
                    "| coderl4j codet5 (%s), the baseline | %,d | %.3f | %.5f |%n",
                    model,
                    base.info().parameters(),
                    t5Step.get("seconds"),
                    t5Step.get("loss")));
            table.append(
                String.format(
                    Locale.ROOT,
                    "%nRatio %s / T5: **%.2fx** (same batch and run)%n%n",
                    actor.info().architecture(),
                    train.get("ratioToT5")));
          }
        } else if (skipPytorch) {
          train.put("pytorchError", "skipped (--skip-pytorch)");
          table.append("\nPyTorch not measured: skipped (--skip-pytorch)\n\n");
        } else {
          pytorchStep(train, (T5Config) actor.model().config(), tb);
          if (train.containsKey("pytorchSeconds")) {
            table.append(
                String.format(
                    Locale.ROOT,
                    "| PyTorch %s eager | %,d | %.3f | %.5f |%n",
                    train.get("pytorchVersion"),
                    actor.info().parameters(),
                    train.get("pytorchSeconds"),
                    train.get("pytorchLoss")));
            table.append(
                String.format(
                    Locale.ROOT,
                    "%nRatio ours / PyTorch: **%.2fx** (target <= 1.2x)%n%n",
                    train.get("ratio")));
          } else {
            table
                .append("\nPyTorch not measured: ")
                .append(train.get("pytorchError"))
                .append("\n\n");
          }
        }
        doc.put("training", train);
      }
      if (!skipSampling) {
        List<Map<String, Object>> sampling = new ArrayList<>();
        table
            .append("## (b) Sampling ")
            .append(newTokens)
            .append(" new tokens (temperature 0.6), median of ")
            .append(sampleRepeats)
            .append(" cached/uncached pairs\n\n")
            .append(
                "| batch | with KV cache (tok/s) | without (tok/s) | cache speed-up (median of pair"
                    + " ratios) |\n")
            .append("|---|---|---|---|\n");
        for (int b : sampleBatches) {
          Map<String, Object> smp = sampling(actor, b);
          sampling.add(smp);
          table.append(
              String.format(
                  Locale.ROOT,
                  "| %d | %.1f | %.1f | **%.2fx** |%n",
                  b,
                  smp.get("cachedTokensPerSecond"),
                  smp.get("uncachedTokensPerSecond"),
                  smp.get("speedup")));
        }
        table
            .append("\nTarget: the cache gives >= 3x at ")
            .append(newTokens)
            .append(" new tokens.\n");
        doc.put("sampling", sampling);
      }
    }
    doc.put("provenance", StageDir.provenanceMap(Provenance.capture("coderl bench lm", config, 0)));
    Results.writeJson(out.resolve("bench-lm.json"), doc);
    Results.writeText(out.resolve("bench-lm.md"), table.toString());
    System.out.println(table);
    System.err.println("wrote " + out.resolve("bench-lm.json") + " and bench-lm.md");
    return 0;
  }

  /** A random training batch (ids above the special tokens, so that no row contains padding). */
  private record TrainBatch(long[][] src, long[][] tgt, List<WeightedSequence> rows) {}

  private TrainBatch randomBatch(int vocab) {
    SplittableRandom random = new SplittableRandom(1234);
    long[][] src = new long[batch][tokens];
    long[][] tgt = new long[batch][tokens];
    List<WeightedSequence> rows = new ArrayList<>();
    for (int i = 0; i < batch; i++) {
      int[] s = new int[tokens];
      int[] t = new int[tokens];
      for (int j = 0; j < tokens; j++) {
        s[j] = 5 + random.nextInt(vocab - 5);
        t[j] = 5 + random.nextInt(vocab - 5);
        src[i][j] = s[j];
        tgt[i][j] = t[j];
      }
      rows.add(WeightedSequence.crossEntropy(new TokenPair(Tokens.of(s), Tokens.of(t))));
    }
    return new TrainBatch(src, tgt, rows);
  }

  /** Median seconds of {@code steps} training steps after {@code warmup}, and the first loss. */
  private Map<String, Object> timeSteps(DjlActor actor, TrainBatch tb, String label) {
    double scale = 1.0 / (batch * tokens);
    double[] times = new double[steps];
    double firstLoss = 0;
    try (Progress progress =
        Progress.stderr("bench lm: training steps (" + label + ")", warmup + steps)) {
      for (int k = 0; k < warmup + steps; k++) {
        long start = System.nanoTime();
        double loss = actor.accumulateGradients(tb.rows(), scale);
        actor.step();
        double secs = (System.nanoTime() - start) / 1e9;
        if (k == 0) {
          firstLoss = loss;
        }
        if (k >= warmup) {
          times[k - warmup] = secs;
        }
        progress.advance(1);
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("seconds", median(times));
    r.put("stepSeconds", times);
    r.put("loss", firstLoss);
    return r;
  }

  /** The same T5 step in PyTorch eager; adds its figures (or why not) to {@code r}. */
  private void pytorchStep(Map<String, Object> r, T5Config c, TrainBatch tb)
      throws IOException, InterruptedException {
    long[][] src = tb.src();
    long[][] tgt = tb.tgt();
    double oursMedian = (double) r.get("oursSeconds");
    // The same batch for PyTorch: ids, decoder inputs (start id, then targets shifted) and labels.
    Path batchFile = out.resolve("bench-batch.safetensors");
    Path script = out.resolve("bench_t5_train.py");
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      long[][] dec = new long[batch][tokens];
      for (int i = 0; i < batch; i++) {
        dec[i][0] = c.decoderStartTokenId();
        System.arraycopy(tgt[i], 0, dec[i], 1, tokens - 1);
      }
      Map<String, NDArray> t = new LinkedHashMap<>();
      t.put("encoder_input_ids", m.create(flat(src), new Shape(batch, tokens)));
      t.put("decoder_input_ids", m.create(flat(dec), new Shape(batch, tokens)));
      t.put("labels", m.create(flat(tgt), new Shape(batch, tokens)));
      CheckpointWriter.writeSafetensors(batchFile, t, Map.of());
    }
    Files.writeString(script, PYTORCH_T5, StandardCharsets.UTF_8);
    ProcessBuilder pb =
        new ProcessBuilder(
            python,
            script.toString(),
            model.resolve("config.json").toString(),
            model.resolve("model.safetensors").toString(),
            batchFile.toString(),
            String.valueOf(threads),
            String.valueOf(warmup),
            String.valueOf(steps));
    // Debian's torch calls the system BLAS (OpenBLAS when installed), whose threads torch does not
    // set.
    pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(threads));
    pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      r.put(
          "pytorchError", "the PyTorch script failed (is python3-torch installed? " + python + ")");
      return;
    }
    JsonNode py = new ObjectMapper().readTree(stdout.lines().reduce((a, b) -> b).orElse("{}"));
    double[] pyTimes = new double[py.get("step_seconds").size()];
    for (int i = 0; i < pyTimes.length; i++) {
      pyTimes[i] = py.get("step_seconds").get(i).doubleValue();
    }
    r.put("pytorchVersion", py.get("torch").asText());
    r.put("pytorchBlas", py.get("blas").toString());
    r.put("pytorchSeconds", median(pyTimes));
    r.put("pytorchStepSeconds", pyTimes);
    r.put("pytorchLoss", py.get("first_loss").doubleValue());
    r.put("ratio", oursMedian / median(pyTimes));
  }

  /**
   * Random weights for a config's shape: normal(0, 0.02) matrices (transformers'
   * initializer_range), norm weights 1 and biases 0, from libtorch's generator seeded once.
   */
  private static java.util.function.BiFunction<String, Shape, NDArray> randomInit(NDManager m) {
    ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed(1234);
    return (name, shape) -> {
      if (shape.dimension() > 1) {
        return m.randomNormal(0f, 0.02f, shape, ai.djl.ndarray.types.DataType.FLOAT32);
      }
      return name.contains("norm") || name.contains("ln_") ? m.ones(shape) : m.zeros(shape);
    };
  }

  /**
   * A Hugging Face folder with random weights of {@code config}'s shape and {@code tokenizerDir}'s
   * tokenizer.
   */
  private static void writeRandomCheckpoint(
      Backbones backbones, Path config, Path tokenizerDir, Path dir) throws IOException {
    String json = Files.readString(config, StandardCharsets.UTF_8);
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      LanguageModel lm =
          backbones.parse(json).build(Weights.generated(randomInit(m), "random " + config), m);
      CheckpointWriter.save(dir, lm.parameters(), json, tokenizerDir);
    }
  }

  /**
   * Peak memory and speed of forward + backward passes of a random model of {@code memoryConfig}'s
   * shape.
   */
  private Map<String, Object> memoryPass(Backbones backbones) throws IOException {
    String json = Files.readString(memoryConfig, StandardCharsets.UTF_8);
    LmConfig cfg = backbones.parse(json);
    Map<String, Object> r = new LinkedHashMap<>();
    double before = rssMb("VmRSS");
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      LanguageModel lm = cfg.build(Weights.generated(randomInit(m), "random " + memoryConfig), m);
      long count = 0;
      for (NDArray p : lm.parameters().values()) {
        p.setRequiresGradient(true);
        count += p.getShape().size();
      }
      double withWeights = rssMb("VmRSS");
      SplittableRandom random = new SplittableRandom(99);
      long[][] ids = new long[memoryBatch][memoryTokens];
      for (long[] row : ids) {
        for (int j = 0; j < row.length; j++) {
          row[j] = 5 + random.nextInt(cfg.vocabSize() - 5);
        }
      }
      double[] times = new double[memorySteps];
      double loss = 0;
      try (Progress progress =
          Progress.stderr("bench lm: forward + backward " + memoryConfig, memorySteps + 1)) {
        for (int k = 0; k <= memorySteps; k++) {
          long start = System.nanoTime();
          try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            NDArray in = m.create(flat(ids), new Shape(memoryBatch, memoryTokens));
            // Labels are the inputs (shifted inside): the causal LM loss, backward into every
            // parameter.
            loss =
                LmForward.runWithGradients(lm, Map.of("input_ids", in, "labels", in))
                    .get("loss")
                    .getFloat();
          }
          Autograd.zeroGradients(lm.parameters().values());
          if (k > 0) {
            times[k - 1] = (System.nanoTime() - start) / 1e9;
          }
          progress.advance(1);
        }
      }
      r.put("config", memoryConfig.toString());
      r.put("parameters", count);
      r.put("weightsMb", count * 4 / 1e6);
      r.put("rssBeforeMb", before);
      r.put("rssWithWeightsMb", withWeights);
      r.put("peakRssMb", rssMb("VmHWM"));
      r.put("peakIncreaseMb", rssMb("VmHWM") - before);
      r.put("passSeconds", median(times));
      r.put("passRuns", times);
      r.put("tokensPerSecond", memoryBatch * memoryTokens / median(times));
      r.put("loss", loss);
    }
    return r;
  }

  /** A line of /proc/self/status in MB (Linux); NaN elsewhere. */
  private static double rssMb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }

  private Map<String, Object> sampling(DjlActor actor, int rows) {
    String prefix = "import os\n\n\ndef read_config(path):\n    \"\"\"Read a config file.\"\"\"\n";
    Tokens ids = actor.tokenizer().encode(prefix, true);
    List<TokenPair> inputs = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      inputs.add(TokenPair.prompt(ids));
    }
    // Untimed warm-up of both paths first, so that neither pays for JIT compilation.
    timeSampling(actor.startDecoding(inputs), rows, "cached warm-up", Math.min(16, newTokens));
    timeSampling(
        actor.startDecodingWithoutCache(inputs), rows, "uncached warm-up", Math.min(16, newTokens));
    // Cached and uncached alternate, so that both see the same load on a shared machine.
    double[] cached = new double[sampleRepeats];
    double[] uncached = new double[sampleRepeats];
    double[] ratios = new double[sampleRepeats];
    for (int k = 0; k < sampleRepeats; k++) {
      cached[k] =
          rows * newTokens / timeSampling(actor.startDecoding(inputs), rows, "cached", newTokens);
      uncached[k] =
          rows
              * newTokens
              / timeSampling(actor.startDecodingWithoutCache(inputs), rows, "uncached", newTokens);
      ratios[k] = cached[k] / uncached[k];
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("batch", rows);
    r.put("newTokens", newTokens);
    r.put("cachedTokensPerSecond", median(cached));
    r.put("uncachedTokensPerSecond", median(uncached));
    r.put("speedup", median(ratios));
    r.put("cachedRuns", cached);
    r.put("uncachedRuns", uncached);
    r.put("speedupRuns", ratios);
    return r;
  }

  /** Samples {@code newTokens} per row (never stopping early, so both runs do the same work). */
  private double timeSampling(DecodingSession session, int rows, String label, int newTokens) {
    SplittableRandom random = new SplittableRandom(7);
    long start = System.nanoTime();
    try (session;
        Progress progress =
            Progress.stderr("bench lm: sampling batch " + rows + " " + label, newTokens)) {
      float[][] logits = session.logits();
      for (int step = 0; step < newTokens; step++) {
        int[] next = new int[rows];
        for (int r = 0; r < rows; r++) {
          next[r] = sample(logits[r], 0.6, random);
        }
        if (step + 1 < newTokens) {
          logits = session.append(next);
        }
        progress.advance(1);
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static int sample(float[] logits, double temperature, SplittableRandom random) {
    double max = Double.NEGATIVE_INFINITY;
    for (float x : logits) {
      max = Math.max(max, x);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp((logits[i] - max) / temperature);
      sum += p[i];
    }
    double u = random.nextDouble() * sum;
    for (int i = 0; i < p.length; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return p.length - 1;
  }

  private static long[] flat(long[][] rows) {
    return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /**
   * The PyTorch side: T5 (CodeT5 layout) written out with torch.nn.functional, the same batch,
   * loss, AdamW (lr 5e-5, weight decay 0.05) and gradient clipping at 1.0 as our actor.
   */
  static final String PYTORCH_T5 =
      """
      import json, math, struct, sys, time
      import torch
      import torch.nn.functional as F

      cfg_path, weights_path, batch_path, threads, warmup, steps = sys.argv[1:7]
      torch.set_num_threads(int(threads))
      cfg = json.load(open(cfg_path))

      def load(path):
          with open(path, "rb") as f:
              n = struct.unpack("<Q", f.read(8))[0]
              header = json.loads(f.read(n))
              data = f.read()
          types = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16,
                   "I64": torch.int64, "I32": torch.int32}
          out = {}
          for k, v in header.items():
              if k == "__metadata__":
                  continue
              s, e = v["data_offsets"]
              t = torch.frombuffer(bytearray(data[s:e]), dtype=types[v["dtype"]]).reshape(v["shape"])
              out[k] = t.float() if t.is_floating_point() else t.clone()
          return out

      W = {k: torch.nn.Parameter(v) for k, v in load(weights_path).items()}
      B = load(batch_path)
      H, DK, EPS = cfg["num_heads"], cfg["d_kv"], cfg["layer_norm_epsilon"]
      NB, MD = cfg["relative_attention_num_buckets"], cfg["relative_attention_max_distance"]

      def rms(x, w):
          return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + EPS))

      def bucket(rel, bidirectional):
          nb, out = NB, torch.zeros_like(rel)
          if bidirectional:
              nb //= 2
              out += (rel > 0).long() * nb
              rel = rel.abs()
          else:
              rel = -torch.min(rel, torch.zeros_like(rel))
          exact = nb // 2
          large = exact + (torch.log(rel.float() / exact) / math.log(MD / exact) * (nb - exact)).long()
          large = torch.min(large, torch.full_like(large, nb - 1))
          return out + torch.where(rel < exact, rel, large)

      def bias(table, q, k, bidirectional):
          rel = torch.arange(k)[None, :] - torch.arange(q)[:, None]
          return F.embedding(bucket(rel, bidirectional), table).permute(2, 0, 1).unsqueeze(0)

      def attention(x, kv, p, add):
          b = x.shape[0]
          q = F.linear(x, W[p + "q.weight"]).view(b, -1, H, DK).transpose(1, 2)
          k = F.linear(kv, W[p + "k.weight"]).view(b, -1, H, DK).transpose(1, 2)
          v = F.linear(kv, W[p + "v.weight"]).view(b, -1, H, DK).transpose(1, 2)
          w = torch.softmax(q @ k.transpose(3, 2) + add, dim=-1)
          return F.linear((w @ v).transpose(1, 2).reshape(b, -1, H * DK), W[p + "o.weight"])

      def ff(x, p):
          return F.linear(F.relu(F.linear(x, W[p + "DenseReluDense.wi.weight"])), W[p + "DenseReluDense.wo.weight"])

      def forward(enc_ids, dec_ids):
          s, t = enc_ids.shape[1], dec_ids.shape[1]
          h = F.embedding(enc_ids, W["shared.weight"])
          eb = bias(W["encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"], s, s, True)
          for i in range(cfg["num_layers"]):
              p = f"encoder.block.{i}.layer."
              h = h + attention(rms(h, W[p + "0.layer_norm.weight"]), rms(h, W[p + "0.layer_norm.weight"]), p + "0.SelfAttention.", eb)
              h = h + ff(rms(h, W[p + "1.layer_norm.weight"]), p + "1.")
          enc = rms(h, W["encoder.final_layer_norm.weight"])
          causal = torch.full((t, t), torch.finfo(torch.float32).min).triu(1)
          db = bias(W["decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"], t, t, False) + causal
          h = F.embedding(dec_ids, W["shared.weight"])
          for i in range(cfg.get("num_decoder_layers", cfg["num_layers"])):
              p = f"decoder.block.{i}.layer."
              n = rms(h, W[p + "0.layer_norm.weight"])
              h = h + attention(n, n, p + "0.SelfAttention.", db)
              h = h + attention(rms(h, W[p + "1.layer_norm.weight"]), enc, p + "1.EncDecAttention.", 0.0)
              h = h + ff(rms(h, W[p + "2.layer_norm.weight"]), p + "2.")
          h = rms(h, W["decoder.final_layer_norm.weight"]) * cfg["d_model"] ** -0.5
          return F.linear(h, W["shared.weight"])

      params = list(W.values())
      opt = torch.optim.AdamW(params, lr=5e-5, weight_decay=0.05, betas=(0.9, 0.999), eps=1e-8)
      times, first = [], None
      for k in range(int(warmup) + int(steps)):
          start = time.perf_counter()
          logits = forward(B["encoder_input_ids"], B["decoder_input_ids"])
          loss = F.cross_entropy(logits.view(-1, logits.shape[-1]), B["labels"].view(-1))
          loss.backward()
          torch.nn.utils.clip_grad_norm_(params, 1.0)
          opt.step()
          opt.zero_grad()
          secs = time.perf_counter() - start
          if first is None:
              first = loss.item()
          if k >= int(warmup):
              times.append(secs)
          print(f"pytorch step {k}: {secs:.3f} s", file=sys.stderr)
      blas = [s for s in torch.__config__.show().split(", ") if s.startswith("BLAS_INFO")]
      print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas,
                        "step_seconds": times, "first_loss": first}))
      """;
}
