package dev.coderl4j.polyglot.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.TestSuite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How workers are started: flags per compilation mode, and the class-data archive's life. */
class WorkerStartTest {
  @TempDir Path dir;

  private static GraalPyParams params(String compilation, String hostCompiler) {
    return new GraalPyParams(
        null,
        null,
        null,
        null,
        null,
        1,
        compilation,
        null,
        null,
        null,
        null,
        null,
        hostCompiler,
        null,
        null);
  }

  @Test
  void interpretedWorkersDropTheJitFlagsAndUseC1() {
    List<String> cmd =
        WorkerCommand.of(params("interpreter", null), 1, WorkerCommand.Host.current());
    assertTrue(cmd.contains("-XX:TieredStopAtLevel=1"), cmd.toString());
    assertFalse(
        cmd.stream()
            .anyMatch(a -> a.contains("EnableJVMCI") || a.startsWith("--upgrade-module-path")),
        cmd.toString());
    // The JVM's log must not reach stdout, the protocol channel.
    assertTrue(cmd.contains("-Xlog:all=warning:stderr"), cmd.toString());
  }

  @Test
  void jitWorkersInheritTheJitFlagsAndTieredKeepsC2() {
    List<String> cmd = WorkerCommand.of(params("jit", "tiered"), 1, WorkerCommand.Host.current());
    assertTrue(cmd.contains("-XX:+EnableJVMCI"), "the test JVM runs with the JIT flags: " + cmd);
    assertFalse(cmd.contains("-XX:TieredStopAtLevel=1"), cmd.toString());
  }

  @Test
  void aCliJvmWithoutJitFlagsNamesTheCompilerForItsJitWorkers() {
    // ./coderl starts the CLI JVM without the JIT flags and with -Dcoderl.jvmci.dir.
    List<String> cli =
        List.of("-Xss64m", "-Dai.djl.offline=true", "--enable-native-access=ALL-UNNAMED");
    List<String> jit =
        WorkerCommand.of(
            params("jit", null),
            2,
            new WorkerCommand.Host(cli, "/x/jvmci", java.util.Optional.empty()));
    assertTrue(
        jit.contains("-XX:+EnableJVMCI") && jit.contains("--upgrade-module-path=/x/jvmci"),
        jit.toString());
    assertTrue(jit.indexOf("--upgrade-module-path=/x/jvmci") < jit.indexOf("-cp"), jit.toString());
    List<String> interp =
        WorkerCommand.of(
            params("interpreter", null),
            1,
            new WorkerCommand.Host(cli, "/x/jvmci", java.util.Optional.empty()));
    assertFalse(
        interp.stream().anyMatch(a -> a.contains("JVMCI") || a.startsWith("--upgrade-module-path")),
        interp.toString());
    // A JVM that has the flags itself (the test JVMs) passes its own on, once.
    List<String> inherited =
        List.of(
            "-XX:+UnlockExperimentalVMOptions",
            "-XX:+EnableJVMCI",
            "--upgrade-module-path=/y/jvmci");
    List<String> both =
        WorkerCommand.of(
            params("jit", null),
            1,
            new WorkerCommand.Host(inherited, "/x/jvmci", java.util.Optional.empty()));
    assertEquals(
        1,
        both.stream().filter(a -> a.startsWith("--upgrade-module-path")).count(),
        both.toString());
    assertTrue(both.contains("--upgrade-module-path=/y/jvmci"), both.toString());
    // Without either, the JIT worker refuses to start (next test).
    assertFalse(
        WorkerCommand.of(
                params("jit", null),
                1,
                new WorkerCommand.Host(cli, null, java.util.Optional.empty()))
            .contains("-XX:+EnableJVMCI"));
  }

  @Test
  void aJitWorkerWithoutJvmciRefusesToRunInterpreted() {
    // The later flag wins: the worker's Truffle falls back to its interpreted runtime.
    GraalPyParams p =
        new GraalPyParams(
            null,
            null,
            null,
            null,
            null,
            1,
            "jit",
            null,
            null,
            null,
            null,
            List.of("-XX:-EnableJVMCI"),
            null,
            "off",
            null);
    try (GraalPyRunner r = new GraalPyRunner(p)) {
      IllegalStateException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              IllegalStateException.class, r::implementation);
      assertTrue(e.getMessage().contains("without the Graal JIT"), e.getMessage());
    }
  }

  @Test
  void aJitWorkerRunsCompiledAndAnInterpretedOneDoesNot() {
    ExecutionJob job =
        new ExecutionJob(
            "j", "x = sum(range(10))", new TestSuite.Asserts("", List.of("assert x == 45")));
    try (GraalPyRunner jit = new GraalPyRunner(params("jit", null));
        GraalPyRunner interp = new GraalPyRunner(params("interpreter", null))) {
      assertTrue(jit.run(job).passed());
      assertTrue(interp.run(job).passed());
      assertNotEquals("Interpreted", jit.implementation());
      assertEquals("Interpreted", interp.implementation());
    }
  }

  @Test
  void theArchiveIsNamedByTheClassPathAndRefusedForClassDirectories() throws IOException {
    Path jar = Files.writeString(dir.resolve("a.jar"), "not really a jar");
    String cp = jar.toString();
    var a = ClassDataArchive.in(dir.resolve("cds"), "/jdk", cp).orElseThrow();
    assertEquals(
        a.file(), ClassDataArchive.in(dir.resolve("cds"), "/jdk", cp).orElseThrow().file());
    assertNotEquals(
        a.file(), ClassDataArchive.in(dir.resolve("cds"), "/other-jdk", cp).orElseThrow().file());
    Files.writeString(jar, "rebuilt, another size");
    assertNotEquals(
        a.file(), ClassDataArchive.in(dir.resolve("cds"), "/jdk", cp).orElseThrow().file());
    Path classes = Files.createDirectories(dir.resolve("classes"));
    assertTrue(
        ClassDataArchive.in(dir.resolve("cds"), "/jdk", cp + java.io.File.pathSeparator + classes)
            .isEmpty());
  }

  @Test
  void aDumpBecomesTheArchiveOnlyWhenTheWorkerExitedNormally() throws IOException {
    Path jar = Files.writeString(dir.resolve("b.jar"), "x");
    var a = ClassDataArchive.in(dir.resolve("cds"), "/jdk", jar.toString()).orElseThrow();
    var failed = a.startDump();
    assertTrue(
        failed.flags().getFirst().startsWith("-XX:ArchiveClassesAtExit="),
        failed.flags().toString());
    Files.writeString(failed.tmp(), "partial");
    a.finish(failed, false);
    assertFalse(a.exists());
    assertFalse(Files.exists(failed.tmp()));
    var ok = a.startDump();
    Files.writeString(ok.tmp(), "archive");
    a.finish(ok, true);
    assertTrue(a.exists());
    assertEquals("archive", Files.readString(a.file()));
    assertEquals(List.of("-XX:SharedArchiveFile=" + a.file()), a.useFlags());
  }

  @Test
  void writingAnArchiveKeepsOnlyTheTwoNewestOthers() throws IOException {
    Path cds = Files.createDirectories(dir.resolve("cds"));
    for (int i = 0; i < 4; i++) {
      Path old = Files.writeString(cds.resolve("graalpy-worker-old" + i + ".jsa"), "old");
      Files.setLastModifiedTime(
          old, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
    }
    Path jar = Files.writeString(dir.resolve("c.jar"), "x");
    var a = ClassDataArchive.in(cds, "/jdk", jar.toString()).orElseThrow();
    var d = a.startDump();
    Files.writeString(d.tmp(), "archive");
    a.finish(d, true);
    try (var files = Files.list(cds)) {
      assertEquals(
          java.util.Set.of(
              a.file().getFileName().toString(),
              "graalpy-worker-old3.jsa",
              "graalpy-worker-old2.jsa"),
          files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
    }
  }

  @Test
  void aJitImageLeavesOutTheGraalCompilerAndEveryModuleThatNeedsIt() {
    List<String> mods = JitImage.modules();
    assertTrue(
        mods.containsAll(
            List.of("java.base", "java.management", "jdk.internal.vm.ci", "jdk.unsupported")),
        mods.toString());
    assertFalse(
        mods.stream().anyMatch(m -> m.startsWith("jdk.graal.") || m.equals("jdk.jlink")),
        mods.toString());
    // Linkable: whatever a chosen module needs at run time is chosen too.
    var system = java.lang.module.ModuleFinder.ofSystem();
    for (String m : mods) {
      for (var r : system.find(m).orElseThrow().descriptor().requires()) {
        if (!r.modifiers().contains(java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC)) {
          assertTrue(mods.contains(r.name()), m + " requires " + r.name());
        }
      }
    }
  }

  @Test
  void jitWorkersOnAnImageTakeTheCompilerFromTheModulePath() {
    Path img = Path.of("/img");
    // A test JVM passes its own --upgrade-module-path: its directory goes on the module path.
    List<String> inherited =
        List.of(
            "-XX:+UnlockExperimentalVMOptions",
            "-XX:+EnableJVMCI",
            "--upgrade-module-path=/y/jvmci",
            "--enable-native-access=ALL-UNNAMED");
    List<String> cmd =
        WorkerCommand.of(
            params("jit", null),
            1,
            new WorkerCommand.Host(inherited, null, java.util.Optional.of(img)));
    assertEquals(img.resolve("bin").resolve("java").toString(), cmd.getFirst());
    assertTrue(
        cmd.contains("--module-path=/y/jvmci") && cmd.contains("--add-modules=jdk.graal.compiler"),
        cmd.toString());
    assertFalse(cmd.stream().anyMatch(a -> a.startsWith("--upgrade-module-path")), cmd.toString());
    assertEquals(1, cmd.stream().filter("-XX:+EnableJVMCI"::equals).count(), cmd.toString());
    assertTrue(cmd.contains("--enable-native-access=ALL-UNNAMED"), cmd.toString());
    // ./coderl's CLI JVM names the directory by property instead.
    List<String> cli =
        WorkerCommand.of(
            params("jit", null),
            2,
            new WorkerCommand.Host(List.of("-Xss64m"), "/x/jvmci", java.util.Optional.of(img)));
    assertTrue(cli.contains("--module-path=/x/jvmci"), cli.toString());
    // Interpreted workers never use it.
    List<String> interp =
        WorkerCommand.of(
            params("interpreter", null),
            1,
            new WorkerCommand.Host(inherited, null, java.util.Optional.of(img)));
    assertNotEquals(img.resolve("bin").resolve("java").toString(), interp.getFirst());
    assertFalse(
        interp.stream().anyMatch(a -> a.contains("JVMCI") || a.contains("module-path")),
        interp.toString());
  }

  @Test
  void aJitImageIsMadeOnceAndAJitWorkerStartedFromItRunsCompiled() throws Exception {
    Path cache = dir.resolve("cache");
    JitImage.Result made = JitImage.in(cache);
    assertTrue(made.home().isPresent(), "no JIT image: " + made.note());
    assertEquals("made", made.note());
    Path home = made.home().get();
    assertTrue(JitImage.ready(home));
    assertEquals(new JitImage.Result(made.home(), "reused"), JitImage.in(cache));
    // The JDK's own Graal compiler is not in it, so the Maven one comes from the module path.
    String release = Files.readString(home.resolve("release"));
    assertTrue(release.contains("jdk.internal.vm.ci") && !release.contains("jdk.graal."), release);
    List<String> cmd =
        WorkerCommand.of(
            params("jit", null), 1, WorkerCommand.Host.current().withJitHome(made.home()));
    ExecutionJob job =
        new ExecutionJob(
            "j",
            "def f(n):\n    return sum(i * i for i in range(n))",
            new TestSuite.Asserts("", List.of("assert f(10) == 285", "assert f(3) == 5")));
    try (WorkerProcess w =
        new WorkerProcess(cmd, 1, java.util.concurrent.TimeUnit.SECONDS.toNanos(120), x -> {})) {
      assertNotEquals("Interpreted", w.implementation());
      Wire.Report rep = w.execute(0, job, 4_000_000_000L, 60_000_000_000L, 2_000_000_000L);
      assertEquals(List.of("true", "true"), rep.tests(), rep.toString());
    }
    // An image someone half deleted is made again rather than used or left in the way.
    Files.delete(home.resolve("coderl-jit-image"));
    assertFalse(JitImage.ready(home));
    JitImage.Result again = JitImage.in(cache);
    assertEquals(new JitImage.Result(made.home(), "made"), again);
    assertTrue(JitImage.ready(home));
  }
}
