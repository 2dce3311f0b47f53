package dev.coderl4j.polyglot.graalpy;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * A copy of this JDK without its own Graal compiler module, so that JIT workers can take the Maven
 * Graal compiler through {@code --module-path} and keep class-data sharing.
 *
 * <p>Why: Truffle's JIT needs a Graal compiler with Truffle support. Temurin 25 ships a {@code
 * jdk.graal.compiler} module without it, which shadows a compiler on the module path, so the
 * compiler must come in through {@code --upgrade-module-path}, and that flag turns class-data
 * sharing off: every JIT worker then loaded ~15,000 classes from jars and the JDK's image and
 * needed ~2.3 s for its first context. On an image that lacks the JDK's module, the same compiler
 * comes in through {@code --module-path}, and a worker started from an archive has its first
 * context in ~1.2 s (measured in {@code docs/execution.md}).
 *
 * <p>The image is made once per JDK with the JDK's own {@code jlink} (every system module but the
 * Graal compiler's and those that need it or {@code jdk.jlink}, which cannot be linked from a JDK
 * without packaged modules), given its base class-data archive, and moved into place atomically;
 * concurrent makers each build their own and the first move wins. A JDK without {@code jlink} (a
 * JRE) or a failed build leaves the workers on {@code --upgrade-module-path}, slower but the same
 * otherwise.
 */
final class JitImage {
  private static final String PREFIX = "jit-jdk-";
  private static final String READY = "coderl-jit-image";
  private static final long BUILD_TIMEOUT_SECONDS = 300;
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private JitImage() {}

  /**
   * The image of this JVM's JDK in {@code dir}: found, or made now (a few seconds, once per JDK),
   * or empty with the reason when it cannot be made.
   */
  static Result in(Path dir) {
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path jlink = javaHome.resolve("bin").resolve("jlink");
    if (!Files.isExecutable(jlink)) {
      return new Result(Optional.empty(), "no jlink in " + javaHome + " (a JRE?)");
    }
    Path home;
    try {
      home = dir.resolve(PREFIX + key(javaHome));
    } catch (IOException | NoSuchAlgorithmException e) {
      return new Result(Optional.empty(), "cannot read " + javaHome + ": " + e.getMessage());
    }
    if (ready(home)) {
      return new Result(Optional.of(home), "reused");
    }
    Path tmp = CacheDir.temporary(home);
    try {
      Files.createDirectories(dir);
      CacheDir.removeStale(dir, PREFIX, STALE_TEMP);
      String modules = String.join(",", modules());
      run(
          List.of(
              jlink.toString(),
              "--add-modules",
              modules,
              "--no-header-files",
              "--no-man-pages",
              "--output",
              tmp.toString()),
          "jlink");
      // The base archive of the JDK's own classes, which a worker's archive extends.
      run(
          List.of(tmp.resolve("bin").resolve("java").toString(), "-Xshare:dump", "-Xlog:disable"),
          "java -Xshare:dump");
      Files.writeString(tmp.resolve(READY), "made from " + javaHome + "\n");
      if (Files.exists(home) && !ready(home)) {
        // Left half-deleted by someone: ours by its name, and it would block the move.
        CacheDir.delete(home);
      }
      try {
        Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        if (!ready(home)) {
          throw e;
        }
        // Another process made it first.
        CacheDir.delete(tmp);
      }
      // Images of other JDKs (~200 MB each): only the newest other one is kept.
      CacheDir.keepNewest(dir, PREFIX + "*", home, 1);
      return new Result(Optional.of(home), "made");
    } catch (IOException e) {
      CacheDir.delete(tmp);
      return new Result(Optional.empty(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CacheDir.delete(tmp);
      return new Result(Optional.empty(), "interrupted while making the JIT image");
    }
  }

  /** The image found or made (its Java home), or empty; and how it went, for the record. */
  record Result(Optional<Path> home, String note) {}

  static boolean ready(Path home) {
    return Files.isRegularFile(home.resolve(READY))
        && Files.isExecutable(home.resolve("bin").resolve("java"));
  }

  /**
   * This JDK's modules to link: all but the Graal compiler's, {@code jdk.jlink}, and every module
   * that requires one of those.
   */
  static List<String> modules() {
    ModuleFinder system = ModuleFinder.ofSystem();
    Set<String> excluded = new TreeSet<>();
    List<ModuleDescriptor> all =
        system.findAll().stream().map(ModuleReference::descriptor).toList();
    for (ModuleDescriptor d : all) {
      if (d.name().startsWith("jdk.graal.") || d.name().equals("jdk.jlink")) {
        excluded.add(d.name());
      }
    }
    boolean grew = true;
    while (grew) {
      grew = false;
      for (ModuleDescriptor d : all) {
        if (!excluded.contains(d.name())
            && d.requires().stream().anyMatch(r -> excluded.contains(r.name()))) {
          excluded.add(d.name());
          grew = true;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (ModuleDescriptor d : all) {
      if (!excluded.contains(d.name())) {
        names.add(d.name());
      }
    }
    names.sort(null);
    return names;
  }

  private static String key(Path javaHome) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Path modules = javaHome.resolve("lib").resolve("modules");
    md.update(
        (javaHome.toAbsolutePath()
                + "\n"
                + Runtime.version()
                + "\n"
                + Files.size(modules)
                + ":"
                + Files.getLastModifiedTime(modules).toMillis())
            .getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest()).substring(0, 16);
  }

  private static void run(List<String> cmd, String what) throws IOException, InterruptedException {
    Path log = Files.createTempFile("coderl-jit-image", ".log");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(BUILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(what + " took over " + BUILD_TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        String out = Files.readString(log);
        throw new IOException(
            what
                + " failed (exit "
                + p.exitValue()
                + "): "
                + out.substring(Math.max(0, out.length() - 2000)).strip());
      }
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
