package dev.coderl4j.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coderl4j.core.exec.ProgramRunner;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every problem of every bundled split: its reference passes its example and hidden tests under
 * GraalPy and under CPython, so the outputs the generator computed in Java are Python's.
 */
@Tag("slow")
class ReferenceAgreementIT {
  @ParameterizedTest
  @CsvSource({
    "graalpy, test",
    "cpython, test",
    "graalpy, test-compositional",
    "cpython, test-compositional",
    "graalpy, train",
    "cpython, train"
  })
  void everyReferencePasses(String runner, String split) {
    assumeTrue(!runner.equals("cpython") || RealRunners.hasPython(), "no python3 on the PATH");
    var problems = ListProgramsContractsTest.split(split).problems();
    try (ProgramRunner r = RealRunners.create(runner)) {
      Map<String, ?> failing = RealRunners.failing(r, problems);
      assertEquals(Map.of(), failing, failing.size() + " of " + problems.size() + " fail");
    }
  }
}
