package dev.coderl4j.polyglot.graalpy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Housekeeping of the runner's cache directory ({@code classDataDir}), shared by the class-data
 * archives and the JIT images: temporaries left by killed makers, and old versions.
 */
final class CacheDir {
  /** The infix of a file or directory still being made (by the process the rest names). */
  static final String TEMP = ".tmp-";

  private CacheDir() {}

  /** A temporary name beside {@code target} for this process to make it under. */
  static Path temporary(Path target) {
    return target.resolveSibling(
        target.getFileName() + TEMP + ProcessHandle.current().pid() + "-" + System.nanoTime());
  }

  /** Deletes the temporaries matching {@code prefix} that are older than {@code age}. */
  static void removeStale(Path dir, String prefix, Duration age) throws IOException {
    Instant cutoff = Instant.now().minus(age);
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, prefix + "*" + TEMP + "*")) {
      for (Path p : ds) {
        if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
          delete(p);
        }
      }
    }
  }

  /**
   * Of the finished entries matching {@code glob} other than {@code current}, keeps the newest
   * {@code keep} and deletes the rest.
   */
  static void keepNewest(Path dir, String glob, Path current, int keep) throws IOException {
    List<Path> others = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
      for (Path p : ds) {
        if (!p.equals(current) && !p.getFileName().toString().contains(TEMP)) {
          others.add(p);
        }
      }
    }
    others.sort(
        Comparator.comparing(
                (Path p) -> {
                  try {
                    return Files.getLastModifiedTime(p).toMillis();
                  } catch (IOException e) {
                    return 0L;
                  }
                })
            .reversed());
    for (Path p : others.subList(Math.min(keep, others.size()), others.size())) {
      delete(p);
    }
  }

  /** Deletes a file or a whole directory, as far as it can (what is left, a later run removes). */
  static void delete(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException | UncheckedIOException e) {
      // Left for removeStale of a later run.
    }
  }
}
