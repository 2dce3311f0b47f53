package dev.coderl4j.cli.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coderl4j.cli.Wiring;
import dev.coderl4j.core.benchmark.BenchmarkGenerator;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.provenance.Provenance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code coderl benchmark generate NAME --seed S --train N --test M --out DIR}: writes a generated
 * benchmark (a {@link BenchmarkGenerator} plugin) into a folder, the same bytes for the same seed
 * and sizes, plus {@code provenance.json}.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a benchmark (list-programs) into a folder, deterministically from a seed.",
      "Read it with --benchmark-params '{\"path\": \"DIR\", \"split\": \"test\"}'."
    })
public final class GenerateBenchmarkCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "The generator, e.g. list-programs.")
  String name;

  @Option(names = "--seed", required = true, description = "The seed (a whole number).")
  String seed;

  @Option(
      names = "--train",
      description = "Problems in the train split (default: the generator's).")
  String train;

  @Option(names = "--test", description = "Problems in the test split (default: the generator's).")
  String test;

  @Option(
      names = "--size",
      paramLabel = "SPLIT=N",
      description = "Problems in another split, e.g. --size test-compositional=300.")
  Map<String, String> sizes = new LinkedHashMap<>();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The folder to write: new, empty, or one this generator wrote before.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PluginResolver resolver = Wiring.injector().getInstance(PluginResolver.class);
    if (!resolver.names(BenchmarkGenerator.class).contains(name)) {
      throw new IllegalArgumentException(
          "no benchmark generator named '"
              + name
              + "'; known: "
              + resolver.names(BenchmarkGenerator.class)
              + " (coderl benchmark generate NAME ...)");
    }
    BenchmarkGenerator generator = resolver.create(BenchmarkGenerator.class, PluginSpec.of(name));
    long s = Numbers.whole("--seed", seed, "42");
    Map<String, Integer> asked = new LinkedHashMap<>();
    if (train != null) {
      asked.put("train", Numbers.count("--train", train, "5000"));
    }
    if (test != null) {
      asked.put("test", Numbers.count("--test", test, "1000"));
    }
    sizes.forEach(
        (split, n) -> asked.put(split, Numbers.count("--size " + split, n, split + "=300")));
    long start = System.nanoTime();
    BenchmarkGenerator.Generated g = generator.generate(s, asked, out);
    double secs = (System.nanoTime() - start) / 1e9;
    writeProvenance(s, asked, g, secs);
    var o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT, "%s (seed %d) written to %s in %.1f s%n", g.benchmark(), g.seed(), out, secs);
    g.counts().forEach((split, n) -> o.printf(Locale.ROOT, "  %-20s %6d problems%n", split, n));
    g.sha256().forEach((file, sha) -> o.printf(Locale.ROOT, "  sha256 %s  %s%n", sha, file));
    return 0;
  }

  private void writeProvenance(
      long s, Map<String, Integer> asked, BenchmarkGenerator.Generated g, double secs)
      throws java.io.IOException {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("generator", name);
    config.put("sizes", asked);
    Provenance p = Provenance.capture("coderl benchmark generate", config, s);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", p.command());
    m.put("config", p.config());
    m.put("seed", p.seed());
    m.put("git_commit", p.gitCommit());
    m.put("versions", p.versions());
    m.put("created_at", p.createdAt().toString());
    m.put("counts", g.counts());
    m.put("sha256", g.sha256());
    m.put("wall_seconds", secs);
    Files.writeString(
        out.resolve("provenance.json"),
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n");
  }
}
