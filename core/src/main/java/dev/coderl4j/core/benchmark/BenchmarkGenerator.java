package dev.coderl4j.core.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a generated benchmark (e.g. {@code list-programs}) into a folder, deterministically from a
 * seed, so that the copy a project ships can be checked by regenerating it.
 *
 * <p>Named plugins; the name is the benchmark whose {@link Benchmark} plugin reads the folder (its
 * {@code path} param). A generator writes {@value #MANIFEST}, a JSON object whose {@code
 * "benchmark"} field names it, beside the split files, and refuses a folder that holds anything
 * else: another benchmark, or files it did not write. Generated benchmarks stand in for APPS (§4)
 * where a small actor on a CPU has to be in its competence range.
 */
public interface BenchmarkGenerator {

  /** The file, in every generated folder, that names the benchmark and lists the splits. */
  String MANIFEST = "manifest.json";

  /** The splits this generator writes, with their default sizes, in the order it writes them. */
  Map<String, Integer> defaultSizes();

  /**
   * Generates the benchmark into {@code out} (created when missing).
   *
   * @param seed the only source of randomness: the same seed and sizes give the same bytes
   * @param sizes problems per split; a split left out gets its default size
   * @throws IllegalArgumentException for an unknown split, a size the generator cannot meet, or an
   *     output folder that holds another benchmark or foreign files; the message says how to fix it
   */
  Generated generate(long seed, Map<String, Integer> sizes, Path out) throws IOException;

  /**
   * What a generation wrote.
   *
   * @param benchmark the benchmark name written into the manifest
   * @param seed the seed
   * @param counts problems per split, in write order
   * @param files the files written (relative to the folder), manifest last
   * @param sha256 the SHA-256 (hex) of each split file's bytes, by file name
   */
  record Generated(
      String benchmark,
      long seed,
      Map<String, Integer> counts,
      List<String> files,
      Map<String, String> sha256) {
    public Generated {
      Objects.requireNonNull(benchmark, "benchmark");
      counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
      files = List.copyOf(files);
      sha256 = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sha256));
    }
  }
}
