package dev.coderl4j.cli.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.cli.train.GenerateFromConfig;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.DecodingStrategy;
import dev.coderl4j.core.lm.Generation;
import dev.coderl4j.core.lm.TokenPair;
import dev.coderl4j.core.lm.Tokens;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.provenance.Provenance;
import dev.coderl4j.core.training.StageDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code coderl generate}: programs from a prompt with a decoding strategy (§3.3). For T5 the
 * prompt goes to the encoder; for GPT models it is the prefix the output continues.
 *
 * <p>With {@code --config F} it instead generates for a benchmark split as the run config's {@code
 * stages.generate} says (Critic Sampling included) and writes a samples file that {@code coderl
 * evaluate} scores.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Generate programs from a prompt with greedy, beam or nucleus decoding.")
public final class GenerateCommand implements Callable<Integer> {
  @Mixin ActorOptions actor = new ActorOptions();

  static final class Prompt {
    @Option(names = "--prompt", required = true, description = "The prompt text.")
    String text;

    @Option(names = "--prompt-file", required = true, description = "A file holding the prompt.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Prompt prompt;

  @Option(
      names = "--config",
      description =
          "A run config (configs/generate.yaml): generate for its benchmark split into a samples"
              + " file.")
  Path config;

  @Option(names = "--set", description = "With --config: override a config value, key.path=yaml.")
  List<String> overrides = new ArrayList<>();

  /** With --config: the runner of Critic Sampling's example tests. */
  @Mixin dev.coderl4j.cli.RunnerOptions runner = new dev.coderl4j.cli.RunnerOptions();

  @Option(
      names = "--strategy",
      defaultValue = "nucleus",
      description = "greedy, beam or nucleus (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Option(
      names = "--strategy-params",
      defaultValue = "{}",
      description =
          "The strategy's params as JSON, e.g. '{\"temperature\": 1.2}'; the options below override"
              + " them.")
  String strategyParams;

  @Option(
      names = {"-n", "--num"},
      defaultValue = "1",
      description = "Sequences to return (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(
      names = "--max-new-tokens",
      description = "Tokens generated at most (strategy default: 512).")
  Integer maxNewTokens;

  @Option(names = "--temperature", description = "nucleus: temperature (default 0.6).")
  Double temperature;

  @Option(names = "--top-p", description = "nucleus: top-p (default 0.95).")
  Double topP;

  @Option(names = "--top-k", description = "nucleus: top-k, 0 = off (default 50).")
  Integer topK;

  @Option(names = "--beams", description = "beam: width (default 5).")
  Integer beams;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", description = "Also write the generations as JSON with provenance here.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (config != null) {
      if (prompt != null) {
        throw new IllegalArgumentException(
            "give either --config or --prompt/--prompt-file, not both");
      }
      return GenerateFromConfig.runCommand(config, overrides, runner, System.out);
    }
    if (prompt == null) {
      throw new IllegalArgumentException("give --prompt TEXT, --prompt-file F, or --config F");
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    String text = prompt.text != null ? prompt.text : Files.readString(prompt.file);
    ObjectNode params = (ObjectNode) json.readTree(strategyParams);
    putIf(params, "maxNewTokens", maxNewTokens);
    putIf(params, "temperature", temperature);
    putIf(params, "topP", topP);
    putIf(params, "topK", topK);
    putIf(params, "width", beams);
    PluginSpec spec = new PluginSpec(strategy, params);
    DecodingStrategy decoding =
        Wiring.injector().getInstance(PluginResolver.class).create(DecodingStrategy.class, spec);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", actor.model.toString());
    config.put("device", actor.device);
    config.put("strategy", strategy);
    config.put("strategyParams", json.convertValue(params, Map.class));
    config.put("n", n);
    Provenance provenance = Provenance.capture("coderl generate", config, seed);
    try (Actor a = actor.load()) {
      // T5 reads the prompt with <s> ... </s>, as CodeRL's generate.py encodes it; a GPT prefix
      // must not end with an end-of-sequence token.
      Tokens ids = a.tokenizer().encode(text, a.info().encoderDecoder());
      long start = System.nanoTime();
      List<Generation> gens = decoding.decode(a, List.of(TokenPair.prompt(ids)), n, seed).get(0);
      double secs = (System.nanoTime() - start) / 1e9;
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int i = 0; i < gens.size(); i++) {
        Generation g = gens.get(i);
        String code = a.tokenizer().decode(g.tokens());
        System.out.printf(
            Locale.ROOT,
            "=== %d/%d  score %.4f  tokens %d  %s%n",
            i + 1,
            gens.size(),
            g.score(),
            g.tokens().size(),
            g.finished() ? "finished" : "length limit");
        System.out.println(a.info().encoderDecoder() ? code : text + code);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("text", code);
        row.put("tokens", g.tokens().toArray());
        row.put("score", g.score());
        row.put("finished", g.finished());
        rows.add(row);
      }
      System.err.printf(Locale.ROOT, "%d sequences in %.2f s%n", gens.size(), secs);
      if (out != null) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("provenance", StageDir.provenanceMap(provenance));
        doc.put("prompt", text);
        doc.put("seconds", secs);
        doc.put("generations", rows);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        json.writeValue(out.toFile(), doc);
      }
    }
    return 0;
  }

  private static void putIf(ObjectNode node, String key, Number value) {
    if (value instanceof Integer i) {
      node.put(key, i);
    } else if (value instanceof Double d) {
      node.put(key, d);
    }
  }
}
