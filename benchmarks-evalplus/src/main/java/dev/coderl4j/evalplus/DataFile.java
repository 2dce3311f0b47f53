package dev.coderl4j.evalplus;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A dataset file named by a benchmark's {@code path} param: the data is large, so it is read from
 * the shared data folder beside the clone ({@code ../shared/data/...}) rather than shipped.
 */
final class DataFile {
  private DataFile() {}

  /**
   * The file at {@code path} (the benchmark's {@code path} param), or, when that is empty, the
   * first {@code shared/data/<dataPath>} in the working directory or a folder above it (CI keeps
   * {@code shared/} beside the clone). The error names the param.
   */
  static Path require(String benchmark, String path, String dataPath) {
    if (!path.isEmpty()) {
      Path p = Path.of(path);
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException(
            benchmark
                + ": no dataset file at path '"
                + path
                + "'; set the benchmark's \"path\" param to your copy of "
                + dataPath);
      }
      return p;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared").resolve("data").resolve(dataPath);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        benchmark
            + ": no shared/data/"
            + dataPath
            + " in "
            + Path.of("").toAbsolutePath()
            + " or above; set the benchmark's \"path\" param, e.g."
            + " --benchmark-params '{\"path\": \"/data/"
            + dataPath
            + "\"}'");
  }

  /** Opens a file, gunzipping it when it starts with the gzip magic. */
  static InputStream open(Path p) {
    try {
      BufferedInputStream in = new BufferedInputStream(Files.newInputStream(p));
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + p, e);
    }
  }
}
