package dev.coderl4j.polyglot.graalpy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A class-data-sharing (AppCDS) archive of the classes a GraalPy worker loads, so that later
 * workers map them instead of loading and verifying some 10,000 Truffle and GraalPy classes.
 *
 * <p>Measured on 2 cores: an interpreted worker's first context was ready after 2.5 s without the
 * archive and 1.25 s with it (see {@code docs/execution.md}). JIT workers use one too when they
 * start from a {@link JitImage} (on the JDK itself they need {@code --upgrade-module-path}, which
 * turns class-data sharing off); their archive also holds the Graal compiler's classes.
 *
 * <p>The archive is written once: the first worker of a runner that finds none runs with {@code
 * -XX:ArchiveClassesAtExit} on a temporary file, and when that worker exits normally the runner
 * moves the file into place atomically; a worker killed mid-dump leaves no archive, only a stale
 * temporary file that a later run removes. Its name is a digest of the JDK and of every class-path
 * entry's path, size and modification time, so a rebuilt jar or another JDK gets a new archive
 * instead of one the JVM would refuse (only the two newest other archives are kept). A damaged
 * archive is ignored by the JVM (workers start without it); deleting it makes the next run write a
 * new one.
 */
final class ClassDataArchive {
  private static final String PREFIX = "graalpy-worker-";
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Path file;

  private ClassDataArchive(Path file) {
    this.file = file;
  }

  /**
   * Whether classes from this class path can be archived: jars only. The JVM refuses to archive
   * classes from non-empty directories, and Surefire's and IDEs' launcher jars name class
   * directories in their manifest.
   */
  static boolean possible(String classPath) {
    for (String entry : classPath.split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p) || (Files.isRegularFile(p) && hasManifestClassPath(p))) {
        return false;
      }
    }
    return true;
  }

  /** The archive for this JVM's class path in {@code dir}, or empty when it cannot be named. */
  static Optional<ClassDataArchive> in(Path dir, String javaHome, String classPath) {
    return possible(classPath) ? named(dir, javaHome, classPath) : Optional.empty();
  }

  /** {@link #in}, for a class path already known to be {@link #possible}. */
  static Optional<ClassDataArchive> named(Path dir, String javaHome, String classPath) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((javaHome + '\n' + Runtime.version() + '\n').getBytes(StandardCharsets.UTF_8));
      for (String entry : classPath.split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        md.update(entry.getBytes(StandardCharsets.UTF_8));
        if (Files.isRegularFile(p)) {
          md.update(
              (Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis() + '\n')
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      String digest = HexFormat.of().formatHex(md.digest()).substring(0, 16);
      return Optional.of(new ClassDataArchive(dir.resolve(PREFIX + digest + ".jsa")));
    } catch (IOException | NoSuchAlgorithmException e) {
      return Optional.empty();
    }
  }

  private static boolean hasManifestClassPath(Path jar) {
    try (JarFile j = new JarFile(jar.toFile(), false)) {
      Manifest m = j.getManifest();
      return m != null && m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) != null;
    } catch (IOException e) {
      return false;
    }
  }

  Path file() {
    return file;
  }

  boolean exists() {
    return Files.isRegularFile(file);
  }

  /** JVM flags for a worker that uses the archive. */
  List<String> useFlags() {
    return List.of("-XX:SharedArchiveFile=" + file);
  }

  /** A temporary file for one worker to dump into, with the flags that make it do so. */
  Dump startDump() throws IOException {
    Files.createDirectories(file.getParent());
    CacheDir.removeStale(file.getParent(), PREFIX, STALE_TEMP);
    Path tmp = CacheDir.temporary(file);
    return new Dump(tmp, List.of("-XX:ArchiveClassesAtExit=" + tmp));
  }

  /** A dump in progress: its temporary file and the worker flags that write it. */
  record Dump(Path tmp, List<String> flags) {}

  /**
   * Moves a finished dump into place, or deletes it; never throws (the archive is an optimisation).
   */
  void finish(Dump dump, boolean workerExitedNormally) {
    try {
      if (workerExitedNormally && Files.isRegularFile(dump.tmp()) && Files.size(dump.tmp()) > 0) {
        try {
          Files.move(
              dump.tmp(),
              file,
              StandardCopyOption.ATOMIC_MOVE,
              StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(dump.tmp(), file, StandardCopyOption.REPLACE_EXISTING);
        }
        CacheDir.keepNewest(file.getParent(), PREFIX + "*.jsa", file, KEEP);
      } else {
        Files.deleteIfExists(dump.tmp());
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(dump.tmp());
      } catch (IOException ignored) {
        // Nothing else to do: the next run tries again.
      }
    }
  }

  /**
   * Keeps the newest {@value #KEEP} other archives (~90 MB each): most are for jars since rebuilt,
   * and another checkout or JDK that still needs one writes it again.
   */
  private static final int KEEP = 2;
}
