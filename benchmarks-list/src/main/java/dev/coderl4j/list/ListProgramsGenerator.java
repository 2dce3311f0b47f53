package dev.coderl4j.list;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.benchmark.BenchmarkGenerator;
import dev.coderl4j.core.plugin.NoParams;
import dev.coderl4j.core.plugin.ParamsFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Generates the list-programs benchmark: DeepCoder-style list programs (Balog et al., ICLR 2017)
 * with template statements, Python references and asserts computed from them (see {@link
 * Generation}), written as {@code train.jsonl}, {@code test.jsonl}, {@code
 * test-compositional.jsonl} and {@code manifest.json}.
 */
public final class ListProgramsGenerator implements BenchmarkGenerator {
  /** Version of the generation procedure; a change that alters output bumps it. */
  public static final int VERSION = 2;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public Map<String, Integer> defaultSizes() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put(ListPrograms.TRAIN, 5000);
    m.put(ListPrograms.TEST, 1000);
    m.put(ListPrograms.COMPOSITIONAL, 300);
    return m;
  }

  /** The sizes to generate: the defaults, overridden by {@code sizes}, each checked. */
  Map<String, Integer> sizes(Map<String, Integer> sizes) {
    Map<String, Integer> out = defaultSizes();
    sizes.forEach(
        (split, n) -> {
          if (!out.containsKey(split)) {
            throw new IllegalArgumentException(
                "list-programs has no split '" + split + "'; known: " + ListPrograms.SPLITS);
          }
          if (n == null || n < 1) {
            throw new IllegalArgumentException(
                "the "
                    + split
                    + " split needs at least 1 problem, got "
                    + n
                    + "; give a positive size");
          }
          out.put(split, n);
        });
    return out;
  }

  /** The benchmark in memory (what {@link #generate} writes). */
  Generation.Result build(long seed, Map<String, Integer> sizes) {
    Map<String, Integer> s = sizes(sizes);
    return Generation.run(
        seed,
        s.get(ListPrograms.TRAIN),
        s.get(ListPrograms.TEST),
        s.get(ListPrograms.COMPOSITIONAL));
  }

  @Override
  public Generated generate(long seed, Map<String, Integer> sizes, Path out) throws IOException {
    Map<String, Integer> s = sizes(sizes);
    checkFolder(out);
    Generation.Result r = build(seed, s);
    Files.createDirectories(out);
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, String> sha = new TreeMap<>();
    List<String> files = new ArrayList<>();
    ObjectNode steps = MAPPER.createObjectNode();
    for (var e : r.splits().entrySet()) {
      StringBuilder sb = new StringBuilder();
      Map<Integer, Integer> byLength = new TreeMap<>();
      for (Generation.Problem p : e.getValue()) {
        sb.append(ProblemFiles.line(p)).append('\n');
        byLength.merge(p.program().steps().size(), 1, Integer::sum);
      }
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      String name = e.getKey() + ".jsonl";
      Files.write(out.resolve(name), bytes);
      files.add(name);
      sha.put(name, sha256(bytes));
      counts.put(e.getKey(), e.getValue().size());
      ObjectNode lengths = steps.putObject(e.getKey());
      byLength.forEach((len, n) -> lengths.put(Integer.toString(len), n));
    }
    ObjectNode m = MAPPER.createObjectNode();
    m.put("benchmark", ListPrograms.NAME);
    m.put("generator_version", VERSION);
    m.put("seed", seed);
    m.set("counts", MAPPER.valueToTree(counts));
    m.set("programs_by_steps", steps);
    m.set("held_out_pairs", MAPPER.valueToTree(r.heldOutPairs()));
    m.set("rejected", MAPPER.valueToTree(r.rejected()));
    m.set("sha256", MAPPER.valueToTree(sha));
    Files.writeString(
        out.resolve(MANIFEST),
        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n");
    files.add(MANIFEST);
    return new Generated(ListPrograms.NAME, seed, counts, files, sha);
  }

  /** Refuses a folder that holds another benchmark or files that no generator wrote. */
  private static void checkFolder(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new IllegalArgumentException("output folder '" + out + "' is a file; name a folder");
    }
    Path manifest = out.resolve(MANIFEST);
    if (Files.isRegularFile(manifest)) {
      String held = ProblemFiles.manifestBenchmark(manifest).orElse("(none named)");
      if (!held.equals(ListPrograms.NAME)) {
        throw new IllegalArgumentException(
            "output folder '"
                + out
                + "' already holds benchmark '"
                + held
                + "' (its "
                + MANIFEST
                + "); choose an empty or new folder, or delete that one");
      }
      return;
    }
    try (Stream<Path> entries = Files.list(out)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalArgumentException(
            "output folder '"
                + out
                + "' is not empty and holds no"
                + " generated benchmark (no "
                + MANIFEST
                + "); choose an empty or new folder");
      }
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Builds the {@code list-programs} generator. */
  public static final class Factory extends ParamsFactory<BenchmarkGenerator, NoParams> {
    public Factory() {
      super(NoParams.class);
    }

    @Override
    protected BenchmarkGenerator build(NoParams p) {
      return new ListProgramsGenerator();
    }
  }
}
