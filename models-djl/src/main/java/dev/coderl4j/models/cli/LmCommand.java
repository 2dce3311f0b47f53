package dev.coderl4j.models.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.core.training.StageDir;
import dev.coderl4j.models.hf.Checkpoint;
import dev.coderl4j.models.hf.CheckpointWriter;
import dev.coderl4j.models.lm.ActorParams;
import dev.coderl4j.models.lm.Autograd;
import dev.coderl4j.models.lm.Backbones;
import dev.coderl4j.models.lm.DjlActor;
import dev.coderl4j.models.lm.LanguageModel;
import dev.coderl4j.models.lm.LmForward;
import dev.coderl4j.models.lm.Weights;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coderl lm ...}: inspect a checkpoint with our model code. */
@Command(
    name = "lm",
    mixinStandardHelpOptions = true,
    description = "Run a checkpoint's forward pass (coderl lm forward).",
    subcommands = {LmCommand.Forward.class})
public final class LmCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Injector injector;

  /** The command, with the CLI's injector (for the registered backbones and decoders). */
  public LmCommand(Injector injector) {
    this.injector = injector;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * {@code coderl lm forward}: logits and loss of a {@code reference.safetensors}-style batch; when
   * the batch also holds reference {@code logits} (and {@code grad.*} with {@code --gradients}) it
   * prints how far ours are, and with {@code --reference reference.json} it checks the loss, the
   * gradient norms and the greedy generations against the fixtures' tolerances too.
   */
  @Command(
      name = "forward",
      mixinStandardHelpOptions = true,
      description =
          "Write logits (and loss, T5 encoder states, gradients) of a safetensors batch named as in"
              + " the fixtures' reference.safetensors; compare with the references it and"
              + " reference.json hold.")
  public static final class Forward implements Callable<Integer> {
    @CommandLine.ParentCommand LmCommand lm;

    /** The fixtures' tolerances (their README). */
    static final double LOGITS_TOL = 1e-4;

    static final double LOSS_TOL = 1e-5;
    static final double GRAD_TOL = 1e-4;

    @Option(
        names = "--model",
        defaultValue = ActorParams.DEFAULT_MODEL,
        description = "Hugging Face model folder (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(
        names = "--batch",
        required = true,
        description =
            "Input safetensors: encoder_input_ids, encoder_attention_mask, decoder_input_ids,"
                + " labels (T5) or input_ids, attention_mask, labels (GPT).")
    Path batch;

    @Option(names = "--out", required = true, description = "Output safetensors: logits, loss, ...")
    Path out;

    @Option(
        names = "--gradients",
        description =
            "Also back-propagate the loss and write grad.<param> (compared with the batch's grad.*"
                + " when present).")
    boolean gradients;

    @Option(
        names = "--reference",
        description =
            "A fixture's reference.json: check loss, grad_norms (with --gradients) and greedy ids"
                + " (causal models) within the fixtures' tolerances; exit 1 when one fails.")
    Path reference;

    @Override
    public Integer call() throws Exception {
      Autograd.setThreads(1);
      Checkpoint checkpoint = Checkpoint.open(model);
      Injector injector = lm.injector;
      Backbones backbones = injector.getInstance(Backbones.class);
      JsonNode ref = reference == null ? null : new ObjectMapper().readTree(reference.toFile());
      boolean ok = true;
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        LanguageModel lm =
            backbones
                .parse(checkpoint.configJson())
                .build(new Weights(checkpoint, checkpoint.load(m, DataType.FLOAT32)), m);
        Map<String, NDArray> in = new LinkedHashMap<>();
        try (InputStream s = Files.newInputStream(batch)) {
          for (NDArray a : NDList.decode(m, s)) {
            in.put(a.getName(), a);
          }
        }
        Map<String, NDArray> outputs =
            gradients ? LmForward.runWithGradients(lm, in) : LmForward.run(lm, in);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(
            "provenance",
            new ObjectMapper()
                .writeValueAsString(
                    StageDir.provenanceMap(
                        Provenance.capture(
                            "coderl lm forward",
                            Map.of("model", model.toString(), "batch", batch.toString()),
                            0))));
        CheckpointWriter.writeSafetensors(out, outputs, meta);
        System.out.println("| output | shape | vs reference |");
        System.out.println("|---|---|---|");
        double worstGrad = -1;
        String worstGradName = "";
        int gradsCompared = 0;
        for (Map.Entry<String, NDArray> e : outputs.entrySet()) {
          NDArray ours = e.getValue();
          NDArray theirs = in.get(e.getKey());
          if (e.getKey().startsWith("grad.")) {
            if (theirs != null && theirs.getShape().equals(ours.getShape())) {
              NDArray t32 = theirs.toType(DataType.FLOAT32, false);
              double rel = t32.sub(ours).norm().getFloat() / Math.max(t32.norm().getFloat(), 1e-12);
              gradsCompared++;
              if (rel > worstGrad) {
                worstGrad = rel;
                worstGradName = e.getKey();
              }
            }
            continue;
          }
          String cmp = "";
          if (theirs != null && theirs.getShape().equals(ours.getShape())) {
            float d = theirs.toType(DataType.FLOAT32, false).sub(ours).abs().max().getFloat();
            boolean pass = d <= LOGITS_TOL;
            ok &= pass;
            cmp =
                String.format(
                    Locale.ROOT,
                    "max |diff| %.3g (%s, tolerance %.0e)",
                    d,
                    pass ? "pass" : "FAIL",
                    LOGITS_TOL);
          } else if (e.getKey().equals("loss") && ref != null && ref.has("loss")) {
            double d = Math.abs(ref.get("loss").doubleValue() - ours.getFloat());
            boolean pass = d <= LOSS_TOL;
            ok &= pass;
            cmp =
                String.format(
                    Locale.ROOT,
                    "reference %.7f, |diff| %.2g (%s, tolerance %.0e)",
                    ref.get("loss").doubleValue(),
                    d,
                    pass ? "pass" : "FAIL",
                    LOSS_TOL);
          }
          String shape =
              ours.getShape().isScalar()
                  ? String.format(Locale.ROOT, "scalar = %.7f", ours.getFloat())
                  : ours.getShape().toString();
          System.out.println("| " + e.getKey() + " | " + shape + " | " + cmp + " |");
        }
        if (gradsCompared > 0) {
          boolean pass = worstGrad <= GRAD_TOL;
          ok &= pass;
          System.out.printf(
              Locale.ROOT,
              "| grad.* (%d in the batch) | | worst |g - ref| / |ref| %.3g at %s (%s,"
                  + " tolerance %.0e) |%n",
              gradsCompared,
              worstGrad,
              worstGradName,
              pass ? "pass" : "FAIL",
              GRAD_TOL);
        }
        if (gradients && ref != null && ref.has("grad_norms")) {
          double worst = -1;
          String name = "";
          int n = 0;
          for (var it = ref.get("grad_norms").properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            NDArray g = outputs.get("grad." + e.getKey());
            if (g == null) {
              continue; // an alias of a tied weight, stored once
            }
            double expected = e.getValue().doubleValue();
            double rel = Math.abs(g.norm().getFloat() - expected) / Math.max(expected, 1e-12);
            n++;
            if (rel > worst) {
              worst = rel;
              name = e.getKey();
            }
          }
          boolean pass = n > 0 && worst <= GRAD_TOL;
          ok &= pass;
          System.out.printf(
              Locale.ROOT,
              "| grad_norms (%d in reference.json) | | worst relative error %.3g at %s"
                  + " (%s, tolerance %.0e) |%n",
              n,
              worst,
              name,
              pass ? "pass" : "FAIL",
              GRAD_TOL);
        }
      }
      if (ref != null && ref.has("generations")) {
        ok &= greedy(injector, ref.get("generations"));
      }
      System.err.println("wrote " + out);
      return ref == null || ok ? 0 : 1;
    }

    /** Greedy ids of each prompt alone against the reference's (causal fixtures). */
    private boolean greedy(Injector injector, JsonNode generations) {
      boolean ok = true;
      PluginResolver resolver = injector.getInstance(PluginResolver.class);
      try (DjlActor actor =
          DjlActor.load(ActorParams.of(model.toString()), injector.getInstance(Backbones.class))) {
        for (int i = 0; i < generations.size(); i++) {
          JsonNode g = generations.get(i);
          int[] prompt = ints(g.get("prompt_ids"), 0);
          int[] expected = ints(g.get("greedy_ids"), prompt.length);
          var spec =
              new PluginSpec(
                  "greedy",
                  new ObjectMapper().createObjectNode().put("maxNewTokens", expected.length));
          DecodingStrategy greedy = resolver.create(DecodingStrategy.class, spec);
          int[] ours =
              greedy
                  .decode(actor, List.of(TokenPair.prompt(Tokens.of(prompt))), 1, 0)
                  .get(0)
                  .get(0)
                  .tokens()
                  .toArray();
          boolean same = java.util.Arrays.equals(expected, ours);
          ok &= same;
          System.out.printf(
              Locale.ROOT,
              "| greedy ids, prompt %d (%d tokens) | %d new | %s |%n",
              i,
              prompt.length,
              ours.length,
              same ? "identical (pass)" : "DIFFER (FAIL): " + java.util.Arrays.toString(ours));
        }
      }
      return ok;
    }

    private static int[] ints(JsonNode array, int from) {
      int[] out = new int[array.size() - from];
      for (int i = from; i < array.size(); i++) {
        out[i - from] = array.get(i).intValue();
      }
      return out;
    }
  }
}
