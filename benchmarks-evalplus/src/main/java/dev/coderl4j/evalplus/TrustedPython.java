package dev.coderl4j.evalplus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Runs a trusted script of this module under CPython and caches its JSON output, keyed by the
 * digest of the inputs and of the scripts, so that a machine computes expected outputs and
 * reference times once (EvalPlus' {@code get_groundtruth} caches the same way).
 *
 * @param python the CPython executable
 * @param cacheDir where results are kept, e.g. {@code ~/.cache/coderl4j/evalplus}
 */
record TrustedPython(String python, Path cacheDir) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The default cache folder: {@code ~/.cache/coderl4j/<sub>}. */
  static Path defaultCache(String sub) {
    return Path.of(System.getProperty("user.home"), ".cache", "coderl4j", sub);
  }

  /** The text of a resource of this package. */
  static String resource(String name) {
    try (InputStream in = TrustedPython.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read resource " + name, e);
    }
  }

  /**
   * The cached output of {@code script} run on {@code data}, computing it first when absent.
   *
   * @param scripts resource names copied into a work folder; the first is run
   * @param data the dataset file, passed as the second argument after {@code mode}
   * @param extra further arguments after {@code OUT.json}; the scripts' paths are appended
   * @param label how progress and errors name the run
   */
  JsonNode cached(String label, List<String> scripts, String mode, Path data, List<String> extra) {
    return cached(label, scripts, mode, data, extra, "", List.of());
  }

  /**
   * As {@link #cached(String, List, String, Path, List)}, with the resources {@code dir/<file>}
   * copied into a folder whose path is the last argument (e.g. a vendored package's sources).
   */
  JsonNode cachedWithDir(
      String label, List<String> scripts, String mode, Path data, String dir, List<String> files) {
    return cached(label, scripts, mode, data, List.of(), dir, files);
  }

  private JsonNode cached(
      String label,
      List<String> scripts,
      String mode,
      Path data,
      List<String> extra,
      String dir,
      List<String> files) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(Files.readAllBytes(data));
      for (String s : scripts) {
        md.update(resource(s).getBytes(StandardCharsets.UTF_8));
      }
      for (String f : files) {
        md.update(resource(dir + "/" + f).getBytes(StandardCharsets.UTF_8));
      }
      md.update((mode + "\0" + String.join("\0", extra)).getBytes(StandardCharsets.UTF_8));
      String key = HexFormat.of().formatHex(md.digest()).substring(0, 24);
      Path file = cacheDir.resolve(label + "-" + key + ".json");
      if (!Files.isRegularFile(file)) {
        compute(label, scripts, mode, data, extra, dir, files, file);
      }
      return MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read or write the " + label + " cache in " + cacheDir, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void compute(
      String label,
      List<String> scripts,
      String mode,
      Path data,
      List<String> extra,
      String dir,
      List<String> files,
      Path file)
      throws IOException {
    Files.createDirectories(cacheDir);
    Path work = Files.createTempDirectory(cacheDir, label + "-work");
    try {
      List<String> paths = new ArrayList<>();
      for (String s : scripts) {
        Path p = work.resolve(s);
        Files.writeString(p, resource(s), StandardCharsets.UTF_8);
        paths.add(p.toString());
      }
      Path tmp = work.resolve("out.json");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  python,
                  paths.getFirst(),
                  mode,
                  data.toAbsolutePath().toString(),
                  tmp.toString()));
      cmd.addAll(paths.subList(1, paths.size()));
      cmd.addAll(extra);
      if (!files.isEmpty()) {
        Path d = Files.createDirectories(work.resolve(dir));
        for (String f : files) {
          Files.writeString(d.resolve(f), resource(dir + "/" + f), StandardCharsets.UTF_8);
        }
        cmd.add(d.toString());
      }
      System.err.println(
          label
              + ": running the reference solutions under "
              + python
              + " (once per machine; cached in "
              + cacheDir
              + ")");
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("log.txt").toFile());
      // A fixed hash seed makes the cached outputs the same on every machine; outputs that would
      // still depend on it are compared as sets (docs/benchmarks.md).
      pb.environment().putAll(Map.of("PYTHONHASHSEED", "0"));
      Process proc;
      try {
        proc = pb.start();
      } catch (IOException e) {
        throw new IllegalStateException(
            label
                + ": cannot start '"
                + python
                + "' for the trusted run; install CPython 3 or set the benchmark's \"python\""
                + " param",
            e);
      }
      int rc = proc.waitFor();
      if (rc != 0) {
        List<String> log = Files.readAllLines(work.resolve("log.txt"));
        throw new IllegalStateException(
            label
                + ": the trusted run failed (exit "
                + rc
                + "): "
                + String.join("\n", log.subList(Math.max(0, log.size() - 8), log.size())));
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(label + ": interrupted during the trusted run", e);
    } finally {
      try (var walk = Files.walk(work)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
