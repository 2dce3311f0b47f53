package dev.coderl4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppsHeaderTest {
  @Test
  void theShippedFileIsTheHeader() throws IOException {
    try (InputStream in = AppsHeader.class.getResourceAsStream("apps_header.py")) {
      assertEquals(AppsHeader.TEXT, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theBenchmarksJobCarriesTheHeaderForStdinAndCallTestsOnly() {
    Benchmark b =
        new AppsBenchmark.Factory().create(new AppsBenchmark.Params("train", null, null, null));
    Problem p = b.problems().getFirst();
    TestSuite stdin = new TestSuite.Stdin(List.of(new TestSuite.StdinCase("1\n", "1\n")));
    TestSuite call = new TestSuite.Call("f", List.of(new TestSuite.CallCase("[1]", "1")));
    TestSuite asserts = new TestSuite.Asserts("", List.of("assert True"));
    assertEquals(AppsHeader.TEXT + "print(1)\n", b.job("s", p, "print(1)\n", stdin).program());
    assertEquals(AppsHeader.TEXT + "f = abs\n", b.job("c", p, "f = abs\n", call).program());
    assertEquals("x = 1\n", b.job("a", p, "x = 1\n", asserts).program());
  }
}
