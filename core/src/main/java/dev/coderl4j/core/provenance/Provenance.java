package dev.coderl4j.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Where a result came from: command, config, seed, git commit, and the versions that computed it.
 *
 * <p>Every result file embeds one (Tribuo's {@code ModelProvenance}). Versions are read from the
 * jars' Maven metadata so that core needs no engine types.
 *
 * @param command what produced the result, e.g. {@code "coderl exec"}
 * @param config the resolved configuration or options, as plain values
 * @param seed the random seed; 0 when nothing was random
 * @param gitCommit the commit of the working tree (suffixed {@code -dirty} if modified), or {@code
 *     unknown}
 * @param versions JDK, OS, and the versions of GraalPy, DJL and PyTorch found on the classpath
 * @param createdAt when the run started
 */
public record Provenance(
    String command,
    Map<String, Object> config,
    long seed,
    String gitCommit,
    Map<String, String> versions,
    Instant createdAt) {

  public Provenance {
    Objects.requireNonNull(command, "command");
    config = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(config));
    Objects.requireNonNull(gitCommit, "gitCommit");
    versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Captures the provenance of a run starting now in the current working directory. */
  public static Provenance capture(String command, Map<String, Object> config, long seed) {
    return new Provenance(
        command, config, seed, currentGitCommit(Path.of("")), currentVersions(), Instant.now());
  }

  /** JDK, OS and library versions visible to this class loader. */
  public static Map<String, String> currentVersions() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("coderl4j", mavenVersion("dev.coderl4j", "coderl4j-core"));
    v.put("java", System.getProperty("java.vendor") + " " + Runtime.version());
    v.put(
        "os",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    v.put("graalpy", mavenVersion("org.graalvm.python", "python-language"));
    v.put("polyglot", mavenVersion("org.graalvm.polyglot", "polyglot"));
    v.put("djl", mavenVersion("ai.djl", "api"));
    v.put("pytorch-jni", mavenVersion("ai.djl.pytorch", "pytorch-jni"));
    v.values().removeIf(s -> s == null);
    return v;
  }

  private static String mavenVersion(String group, String artifact) {
    String res = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    ClassLoader cl = Provenance.class.getClassLoader();
    try (InputStream in = cl.getResourceAsStream(res)) {
      if (in == null) {
        // Some jars (GraalPy's) carry no Maven metadata: read the version from the jar's file name.
        return jarFileVersion(cl, artifact);
      }
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version");
    } catch (IOException e) {
      return null;
    }
  }

  private static String jarFileVersion(ClassLoader cl, String artifact) {
    java.util.regex.Pattern name =
        java.util.regex.Pattern.compile(
            "/" + java.util.regex.Pattern.quote(artifact) + "-([0-9][^/]*?)\\.jar!/");
    try {
      var urls = cl.getResources("META-INF/MANIFEST.MF");
      while (urls.hasMoreElements()) {
        java.util.regex.Matcher m = name.matcher(urls.nextElement().toString());
        if (m.find()) {
          return m.group(1);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  /** The git commit of {@code dir}'s repository, or {@code CODERL_GIT_COMMIT}, or "unknown". */
  public static String currentGitCommit(Path dir) {
    String env = System.getenv("CODERL_GIT_COMMIT");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      String head = run(dir, "git", "rev-parse", "HEAD");
      if (head.isEmpty()) {
        return "unknown";
      }
      String dirty = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
      return dirty.isEmpty() ? head : head + "-dirty";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String run(Path dir, String... cmd) throws IOException {
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toAbsolutePath().toFile())
            .redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return "";
      }
      return new String(out, StandardCharsets.UTF_8).strip();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return "";
    }
  }
}
