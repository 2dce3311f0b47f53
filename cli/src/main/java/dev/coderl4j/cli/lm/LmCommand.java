package dev.coderl4j.cli.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.models.hf.Checkpoint;
import dev.coderl4j.models.hf.CheckpointWriter;
import dev.coderl4j.models.lm.ActorParams;
import dev.coderl4j.models.lm.Autograd;
import dev.coderl4j.models.lm.LanguageModel;
import dev.coderl4j.models.lm.LmConfig;
import dev.coderl4j.models.lm.LmForward;
import dev.coderl4j.models.lm.Models;
import dev.coderl4j.models.lm.Weights;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * {@code coderl lm forward}: logits and loss of a {@code reference.safetensors}-style batch; when
   * the batch also holds reference {@code logits} and {@code loss}, prints how far ours are.
   */
  @Command(
      name = "forward",
      mixinStandardHelpOptions = true,
      description = "Write logits (and loss, T5 encoder states) of a safetensors batch named as in the fixtures' reference.safetensors.")
  public static final class Forward implements Callable<Integer> {
    @Option(names = "--model", defaultValue = ActorParams.DEFAULT_MODEL,
        description = "Hugging Face model folder (default: ${DEFAULT-VALUE}).")
    Path model;

    @Option(names = "--batch", required = true,
        description = "Input safetensors: encoder_input_ids, encoder_attention_mask, decoder_input_ids, labels (T5) or input_ids, attention_mask, labels (GPT).")
    Path batch;

    @Option(names = "--out", required = true, description = "Output safetensors: logits, loss, ...")
    Path out;

    @Override
    public Integer call() throws Exception {
      Autograd.setThreads(1);
      Checkpoint checkpoint = Checkpoint.open(model);
      try (NDManager m = NDManager.newBaseManager("PyTorch")) {
        LanguageModel lm = Models.build(LmConfig.parse(checkpoint.configJson()),
            new Weights(checkpoint, checkpoint.load(m, DataType.FLOAT32)), m);
        Map<String, NDArray> in = new LinkedHashMap<>();
        try (InputStream s = Files.newInputStream(batch)) {
          for (NDArray a : NDList.decode(m, s)) {
            in.put(a.getName(), a);
          }
        }
        Map<String, NDArray> outputs = LmForward.run(lm, in);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("provenance", new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
            Results.provenance(Provenance.capture("coderl lm forward",
                Map.of("model", model.toString(), "batch", batch.toString()), 0))));
        CheckpointWriter.writeSafetensors(out, outputs, meta);
        System.out.println("| output | shape | vs reference in the batch |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, NDArray> e : outputs.entrySet()) {
          NDArray ref = in.get(e.getKey());
          String cmp = "";
          if (ref != null && ref.getShape().equals(e.getValue().getShape())) {
            float d = ref.toType(DataType.FLOAT32, false).sub(e.getValue()).abs().max().getFloat();
            cmp = String.format(Locale.ROOT, "max |diff| %.3g", d);
          }
          String shape = e.getValue().getShape().isScalar()
              ? String.format(Locale.ROOT, "scalar = %.6f", e.getValue().getFloat())
              : e.getValue().getShape().toString();
          System.out.println("| " + e.getKey() + " | " + shape + " | " + cmp + " |");
        }
        System.err.println("wrote " + out);
      }
      return 0;
    }
  }
}
