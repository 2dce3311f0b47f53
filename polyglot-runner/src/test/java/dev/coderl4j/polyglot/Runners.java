package dev.coderl4j.polyglot;

import dev.coderl4j.polyglot.cpython.CPythonParams;
import dev.coderl4j.polyglot.cpython.CPythonRunner;
import dev.coderl4j.polyglot.graalpy.GraalPyParams;
import dev.coderl4j.polyglot.graalpy.GraalPyRunner;

/**
 * Runners shared by the test classes of this module: a GraalPy runner takes seconds to start (its
 * workers boot an engine), so one per test JVM is created on first use and closed at exit.
 */
public final class Runners {
  private static GraalPyRunner graalpy;
  private static CPythonRunner cpython;

  private Runners() {}

  /** A GraalPy runner with APPS' limits (4 s per test). */
  public static synchronized GraalPyRunner graalpy() {
    if (graalpy == null) {
      graalpy = new GraalPyRunner(GraalPyParams.defaults());
      GraalPyRunner r = graalpy;
      Runtime.getRuntime().addShutdownHook(new Thread(r::close));
    }
    return graalpy;
  }

  /** A persistent CPython runner with the same limits. */
  public static synchronized CPythonRunner cpython() {
    if (cpython == null) {
      cpython = new CPythonRunner(CPythonParams.defaults().with(CPythonParams.PERSISTENT, 0));
      CPythonRunner r = cpython;
      Runtime.getRuntime().addShutdownHook(new Thread(r::close));
    }
    return cpython;
  }

  /** Whether a python3 is on the PATH (the CPython tests are skipped without one). */
  public static boolean hasPython() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
