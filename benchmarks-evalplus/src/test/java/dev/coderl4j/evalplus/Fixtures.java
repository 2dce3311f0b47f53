package dev.coderl4j.evalplus;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The small data files in this module's test resources (subsets of the shared data, see {@code
 * SOURCE.md} there) and a cache folder of the test's own.
 */
final class Fixtures {
  private Fixtures() {}

  static String path(String name) {
    try {
      return Path.of(Fixtures.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A cache under target/, so tests never touch the user's cache. */
  static String cache() {
    return Path.of("target", "test-cache").toAbsolutePath().toString();
  }

  /** Skips the calling test where there is no python3 (the trusted run needs one). */
  static void assumePython() {
    boolean ok;
    try {
      ok = new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
    } catch (java.io.IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ok = false;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(ok, "python3 is needed for the trusted run");
  }

  static EvalPlusBenchmark humaneval() {
    return new EvalPlusBenchmark(
        EvalPlusBenchmark.Dataset.HUMANEVAL,
        new EvalPlusBenchmark.Params(
            path("humanevalplus-sample.jsonl.gz"), null, cache(), null, null));
  }

  static EvalPlusBenchmark mbpp() {
    return new EvalPlusBenchmark(
        EvalPlusBenchmark.Dataset.MBPP,
        new EvalPlusBenchmark.Params(path("mbppplus-sample.jsonl.gz"), null, cache(), null, null));
  }

  static LeetCodeBenchmark leetcode(String split, String file) {
    return new LeetCodeBenchmark(
        new LeetCodeBenchmark.Params(split, path(file), null, cache(), null, null));
  }
}
