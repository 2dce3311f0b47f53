package dev.coderl4j.polyglot.graalpy;

import dev.coderl4j.core.exec.ExecutionLimits;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The java command that starts a GraalPy worker JVM (the supervised processes that run §3.3's
 * programs), and where it starts from: the JIT's flags, the JDK image and class-data archive that
 * keep its start short, and its memory, GC and compiler flags (see {@code docs/execution.md}).
 */
final class WorkerCommand {
  private WorkerCommand() {}

  /**
   * What the worker command is built from: this JVM's own arguments, the compiler directory named
   * by {@value GraalPyRunner#JVMCI_DIR_PROPERTY} (null when not set), and the Java home of JIT
   * workers when it is not this JVM's (see {@link #jitJavaHome}).
   */
  record Host(List<String> inputArguments, String jvmciProperty, Optional<Path> jitHome) {
    Host {
      inputArguments = List.copyOf(inputArguments);
    }

    /** This JVM, with workers started from its own JDK. */
    static Host current() {
      return new Host(
          ManagementFactory.getRuntimeMXBean().getInputArguments(),
          System.getProperty(GraalPyRunner.JVMCI_DIR_PROPERTY),
          Optional.empty());
    }

    /** The same, with JIT workers started from {@code home} when present. */
    Host withJitHome(Optional<Path> home) {
      return new Host(inputArguments, jvmciProperty, home);
    }

    /** The compiler directory: the inherited {@code --upgrade-module-path}, else the property's. */
    String compilerDir() {
      return jvmciDir(inputArguments, jvmciProperty);
    }
  }

  private static final List<String> INHERITED_PREFIXES =
      List.of(
          "--upgrade-module-path",
          "-XX:+UnlockExperimentalVMOptions",
          "-XX:+EnableJVMCI",
          "-XX:-EnableJVMCI",
          "-XX:JVMCI",
          "--enable-native-access",
          "-Dpolyglot.",
          "-Djdk.graal.",
          "-Dtruffle.",
          "--add-opens",
          "--add-exports",
          "--sun-misc-unsafe-memory-access");

  /** Flags that only serve the Graal JIT. */
  private static final List<String> JIT_ONLY =
      List.of(
          "--upgrade-module-path",
          "-XX:+UnlockExperimentalVMOptions",
          "-XX:+EnableJVMCI",
          "-XX:JVMCI",
          "-Djdk.graal.");

  /**
   * The class-data archive that workers with these params started from this JVM's class path use,
   * or empty when they use none ({@code off}, class directories on the class path, or a JIT worker
   * that needs {@code --upgrade-module-path}).
   */
  static Optional<ClassDataArchive> archive(GraalPyParams params, Optional<Path> jitHome) {
    String cp = System.getProperty("java.class.path");
    if (params.compilationMode() == GraalPyParams.Compilation.JIT) {
      if (jitHome.isEmpty()) {
        // --upgrade-module-path, which the JIT then needs, turns class-data sharing off.
        return Optional.empty();
      }
      // The compiler's jars are part of what the archive holds: name it by them too. The class
      // path itself was found archivable when the image was chosen (jitJavaHome).
      String compilerJars = jars(Host.current().compilerDir());
      return params
          .classDataPath()
          .filter(dir -> ClassDataArchive.possible(compilerJars))
          .flatMap(
              dir ->
                  ClassDataArchive.named(
                      dir,
                      jitHome.get().toString(),
                      cp + java.io.File.pathSeparator + compilerJars));
    }
    return params
        .classDataPath()
        .flatMap(dir -> ClassDataArchive.in(dir, System.getProperty("java.home"), cp));
  }

  private static String jars(String dir) {
    try (var s = java.nio.file.Files.list(Path.of(dir))) {
      return String.join(
          java.io.File.pathSeparator,
          s.map(Path::toString).filter(n -> n.endsWith(".jar")).sorted().toList());
    } catch (IOException e) {
      return dir;
    }
  }

  /**
   * The Java home JIT workers with these params start from to keep class-data sharing: this JDK
   * when it has no Graal compiler module of its own, else a {@link JitImage} of it (made once);
   * empty (they start from this JDK with {@code --upgrade-module-path}) when workers are
   * interpreted, sharing is {@code off} or impossible for this class path, no compiler directory is
   * known, or no image can be made.
   */
  static Optional<Path> jitJavaHome(GraalPyParams params) {
    if (params.compilationMode() != GraalPyParams.Compilation.JIT
        || params.classDataPath().isEmpty()
        || Host.current().compilerDir() == null
        || !ClassDataArchive.possible(System.getProperty("java.class.path"))) {
      // Without an archive (class directories on the class path, as under Maven's tests) the
      // image would gain nothing.
      return Optional.empty();
    }
    if (java.lang.module.ModuleFinder.ofSystem().find(GRAAL_MODULE).isEmpty()) {
      return Optional.of(Path.of(System.getProperty("java.home")));
    }
    return JitImage.in(params.classDataPath().get()).home();
  }

  /** The Graal compiler's module, which a JDK may ship without Truffle support. */
  private static final String GRAAL_MODULE = "jdk.graal.compiler";

  /** The compiler directory: the inherited {@code --upgrade-module-path}, else the property's. */
  static String jvmciDir(List<String> in, String property) {
    for (int i = 0; i < in.size(); i++) {
      String a = in.get(i);
      if (a.startsWith("--upgrade-module-path=")) {
        return a.substring("--upgrade-module-path=".length());
      }
      if (a.equals("--upgrade-module-path") && i + 1 < in.size()) {
        return in.get(i + 1);
      }
    }
    return property;
  }

  /** A command with extra JVM flags, placed before the class path. */
  static List<String> withFlags(List<String> command, List<String> flags) {
    List<String> cmd = new ArrayList<>(command);
    cmd.addAll(cmd.indexOf("-cp"), flags);
    return cmd;
  }

  /**
   * java + inherited JIT/module flags + this runner's memory and GC flags + classpath + main, for a
   * worker with this many lanes (see {@link GraalPyParams#workerHeapMb}) started from {@code host}.
   */
  static List<String> of(GraalPyParams p, int lanes, Host host) {
    List<String> in = host.inputArguments();
    String jvmci = host.jvmciProperty();
    Optional<Path> jitHome = host.jitHome();
    List<String> cmd = new ArrayList<>();
    boolean jit = p.compilationMode() == GraalPyParams.Compilation.JIT;
    String compilerDir = jvmciDir(in, jvmci);
    boolean image = jit && jitHome.isPresent() && compilerDir != null;
    cmd.add(
        Path.of(image ? jitHome.get().toString() : System.getProperty("java.home"), "bin", "java")
            .toString());
    if (image) {
      // The compiler on the module path of a JDK without its own: class-data sharing stays on.
      cmd.addAll(
          List.of(
              "-XX:+UnlockExperimentalVMOptions",
              "-XX:+EnableJVMCI",
              "--module-path=" + compilerDir,
              "--add-modules=" + GRAAL_MODULE));
    }
    for (int i = 0; i < in.size(); i++) {
      String a = in.get(i);
      if ((!jit || image) && JIT_ONLY.stream().anyMatch(a::startsWith)) {
        // Interpreted workers run Truffle's fallback runtime: without JVMCI the JVM keeps its
        // class-data sharing and starts contexts faster (measured in docs/execution.md). JIT
        // workers on an image get the compiler through --module-path instead (see above).
        if (a.equals("--upgrade-module-path")) {
          i++;
        }
        continue;
      }
      for (String prefix : INHERITED_PREFIXES) {
        if (a.startsWith(prefix)) {
          cmd.add(a);
          if (a.equals(prefix) && a.startsWith("--") && i + 1 < in.size()) {
            cmd.add(in.get(++i));
          }
          break;
        }
      }
    }
    if (jit
        && !image
        && jvmci != null
        && cmd.stream().noneMatch(a -> a.startsWith("--upgrade-module-path"))) {
      // ./coderl starts this JVM without the JIT flags (it runs no guest code, and without them
      // it keeps class-data sharing) and names the compiler's directory for the workers instead.
      cmd.addAll(
          1,
          List.of(
              "-XX:+UnlockExperimentalVMOptions",
              "-XX:+EnableJVMCI",
              "--upgrade-module-path=" + jvmci));
    }
    cmd.add("-Xmx" + p.workerHeapMb(lanes) + "m");
    cmd.add("-Xss8m");
    // One GC thread and a small footprint: the worker is one of several on few cores.
    cmd.add("-XX:+UseSerialGC");
    // Measured on the MBPP benchmark (docs/execution.md): without these, a JIT worker stopped all
    // its lanes for three full collections while its class metadata grew and for more as the code
    // cache filled.
    cmd.add("-XX:MetaspaceSize=256m");
    cmd.add("-XX:ReservedCodeCacheSize=512m");
    // The worker loads classes only from this runner's own class path (guest code cannot define
    // JVM classes: host class loading is off), so verifying them again at each start (~0.4 s of
    // the ~2 s a JIT worker's first context takes) buys nothing.
    cmd.add("-XX:+UnlockDiagnosticVMOptions");
    cmd.add("-XX:-BytecodeVerificationRemote");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-XX:-UsePerfData");
    cmd.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
    // The JVM's own log goes to stdout by default, which is the worker's protocol channel.
    cmd.add("-Xlog:disable");
    cmd.add("-Xlog:all=warning:stderr");
    if (image) {
      // The base archive was dumped without the module path: the JVM says at every start that it
      // cannot use the archived module graph (the classes it still maps).
      cmd.add("-Xlog:cds=off:stderr");
      cmd.add("-Xlog:aot=off:stderr");
    }
    switch (p.hostCompilerMode()) {
      // C2 compiling Truffle's interpreter competes with the programs for the cores; C1 alone
      // halved the wall time of the MBPP benchmark on 2 cores (docs/execution.md).
      case C1 -> cmd.add("-XX:TieredStopAtLevel=1");
      case TIERED -> {}
    }
    cmd.addAll(p.jvmArgs());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(WorkerMain.class.getName());
    ExecutionLimits l = p.limits();
    // ~2.6 KB of Java stack per Python frame (measured), plus room for the harness and imports.
    long stack = (long) l.maxRecursionDepth() * 3 * 1024 + (64L << 20);
    cmd.addAll(
        new WorkerConfig(
                l.perTestTimeout().toMillis(),
                l.perProgramTimeout().toMillis(),
                l.maxOutputBytes(),
                stack,
                p.compilationMode(),
                p.isolationMode(),
                lanes,
                p.engineOptions())
            .toArgs());
    return cmd;
  }
}
