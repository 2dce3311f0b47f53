package dev.coderl4j.mbpp;

import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.polyglot.graalpy.GraalPyParams;
import dev.coderl4j.polyglot.graalpy.GraalPyRunner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchProbeTest {
  @Test
  void probe() {
    try (ProgramRunner r = new GraalPyRunner(new GraalPyParams(null, null, null, null, null, 2, null, null, null, null, null, null))) {
      long t0 = System.nanoTime();
      Map<String, ExecutionResult> f = RealRunner.failingReferences(r, MbppLoader.readFull(Bundled.open("", Bundled.MBPP), "mbpp", false));
      System.out.println("MBPP FULL failing " + f.size() + RealRunner.describe(f));
      f = RealRunner.failingReferences(r, MbppLoader.readSanitized(Bundled.open("", Bundled.SANITIZED), "s"));
      System.out.println("SANITIZED failing " + f.size() + RealRunner.describe(f));
      f = RealRunner.failingReferences(r, HumanEvalLoader.read(Bundled.open("", Bundled.HUMANEVAL), "he"));
      System.out.println("HUMANEVAL failing " + f.size() + RealRunner.describe(f));
      System.out.println("secs " + (System.nanoTime() - t0) / 1e9);
    }
  }
}
