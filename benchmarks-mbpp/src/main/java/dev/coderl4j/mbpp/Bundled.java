package dev.coderl4j.mbpp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the data bundled with this module (see {@code data/SOURCE.md}) or a user's file. */
final class Bundled {
  static final String MBPP = "mbpp.jsonl";
  static final String SANITIZED = "sanitized-mbpp.json";
  static final String HUMANEVAL = "HumanEval.jsonl.gz";

  private Bundled() {}

  /** The bundled file {@code name}, or the file at {@code path} when it is not empty. */
  static InputStream open(String path, String name) {
    try {
      if (!path.isEmpty()) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException(
              "No file at path '"
                  + path
                  + "'; give a "
                  + name
                  + " file, or leave path empty for the bundled copy");
        }
        return Files.newInputStream(p);
      }
      InputStream in = Bundled.class.getResourceAsStream("data/" + name);
      if (in == null) {
        throw new IllegalStateException("bundled data/" + name + " is missing from the jar");
      }
      return in;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + (path.isEmpty() ? name : path), e);
    }
  }

  /** How a source is named in error messages. */
  static String sourceName(String path, String name) {
    return path.isEmpty() ? "bundled " + name : path;
  }
}
