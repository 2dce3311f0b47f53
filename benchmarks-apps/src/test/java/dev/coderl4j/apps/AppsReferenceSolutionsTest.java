package dev.coderl4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coderl4j.core.benchmark.Benchmark;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.exec.ProgramRunner;
import dev.coderl4j.core.exec.TestResult;
import dev.coderl4j.core.plugin.PluginResolver;
import dev.coderl4j.core.plugin.PluginSpec;
import dev.coderl4j.core.problem.TestSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * On the real GraalPy runner (fast checks; {@link AppsReferenceSolutionsIT} runs all 101 reference
 * solutions): the apps-compatible harness runs programs as APPS does; the sandboxed Python
 * comparison agrees with the Java definition; the set-based false positives of hendrycks/apps issue
 * #27 fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppsReferenceSolutionsTest {
  private ProgramRunner runner;
  private PluginResolver resolver;

  @BeforeAll
  void start() {
    resolver = RealPlugins.resolver();
    runner = RealPlugins.graalpy(resolver, 2);
  }

  @AfterAll
  void stop() {
    runner.close();
  }

  /** The first reference solution of each bundled training problem passes (all: the IT). */
  @Test
  void aReferenceSolutionOfEachTrainingProblemPasses() throws Exception {
    Benchmark b =
        resolver.create(
            Benchmark.class,
            new PluginSpec("apps", new ObjectMapper().readTree("{\"dataset\": \"train\"}")));
    List<ExecutionJob> jobs =
        b.problems().stream()
            .map(p -> b.job(p.id(), p, p.solutions().getFirst(), p.hiddenTests()))
            .toList();
    for (ExecutionResult r : runner.runAll(jobs, ProgramRunner.RunListener.NONE)) {
      assertEquals(Outcome.Passed.LABEL, b.interpret(r).outcome().label(), r.toString());
    }
  }

  @Test
  void theHarnessReportsCompileAndRuntimeErrorsAndWrongAnswers() {
    AppsCompatibleHarness h = new AppsCompatibleHarness();
    TestSuite.Stdin tests =
        new TestSuite.Stdin(
            List.of(
                new TestSuite.StdinCase("1 2\n", "3\n"), new TestSuite.StdinCase("2 2\n", "4\n")));
    List<ExecutionJob> jobs =
        List.of(
            h.job("ok", "a, b = map(int, input().split())\nprint(a + b)\n", tests),
            h.job(
                "exit",
                "import sys\n"
                    + "a, b = map(int, sys.stdin.readline().split())\n"
                    + "print(a + b)\n"
                    + "sys.exit(0)\n",
                tests),
            h.job(
                "main",
                "def main():\n"
                    + "    a, b = map(int, input().split())\n"
                    + "    print(a + b)\n"
                    + "if __name__ == '__main__':\n"
                    + "    main()\n",
                tests),
            h.job(
                "prelude",
                "a, b = map(int, input().split())\nprint(int(sqrt((a + b) ** 2)))\n",
                tests),
            h.job("syntax", "print(1 +\n", tests),
            h.job("wrong", "print(3)\n", tests),
            h.job("raises", "print(1 // 0)\n", tests),
            h.job(
                "return",
                "a, b = map(int, input().split())\nprint(a + b)\nif a:\n    return\nprint(0)\n",
                tests),
            h.job(
                "sets",
                "a, b = map(int, input().split())\nprint(a + b, a)\n",
                new TestSuite.Stdin(List.of(new TestSuite.StdinCase("1 2\n", "1 3\n")))));
    List<ExecutionResult> rs =
        runner.runAll(jobs, ProgramRunner.RunListener.NONE).stream().map(h::interpret).toList();
    assertEquals(Outcome.Passed.LABEL, rs.get(0).outcome().label(), rs.get(0).toString());
    assertEquals(Outcome.Passed.LABEL, rs.get(1).outcome().label(), rs.get(1).toString());
    assertEquals(Outcome.Passed.LABEL, rs.get(2).outcome().label(), rs.get(2).toString());
    assertEquals(
        Outcome.Passed.LABEL, rs.get(3).outcome().label(), "APPS' import prelude: " + rs.get(3));
    assertEquals(Outcome.CompileError.LABEL, rs.get(4).outcome().label(), rs.get(4).toString());
    assertEquals(new Outcome.FailedTest(1), rs.get(5).outcome(), rs.get(5).toString());
    assertEquals(List.of(TestResult.PASS, TestResult.FAIL), rs.get(5).tests());
    assertEquals(
        new Outcome.RuntimeError("ZeroDivisionError", 0),
        rs.get(6).outcome(),
        rs.get(6).toString());
    assertEquals(
        Outcome.Passed.LABEL,
        rs.get(7).outcome().label(),
        "a top-level return, as in APPS: " + rs.get(7));
    assertEquals(new Outcome.FailedTest(0), rs.get(8).outcome(), "issue #27: '3 1' is not '1 3'");
  }

  /** The Python comparison in the sandbox gives exactly the Java definition's verdicts. */
  @Test
  void pythonAndJavaComparisonsAgree() {
    List<String> tokens =
        List.of(
            "1",
            "2",
            "1.0",
            "1.0004",
            "1.0006",
            "0.5",
            "1e3",
            "1000",
            "inf",
            "Infinity",
            "nan",
            "YES",
            "no",
            "-0",
            "0",
            "1_000",
            "0x10",
            "1d",
            ".5",
            "5.",
            "  ",
            "\t",
            "");
    SplittableRandom rng = new SplittableRandom(7);
    OutputComparison java = new OutputComparison.AppsCompatible();
    List<TestSuite.CallCase> cases = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      String a = text(rng, tokens);
      String b = rng.nextInt(4) == 0 ? a : text(rng, tokens);
      var args = JsonNodeFactory.instance.arrayNode().add(a).add(b);
      cases.add(new TestSuite.CallCase(args.toString(), String.valueOf(java.matches(a, b))));
    }
    String program = new AppsCompatibleHarness().program("");
    ExecutionResult r =
        runner.run(
            new ExecutionJob("agree", program, new TestSuite.Call("coderl_apps_matches", cases)));
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < r.tests().size(); i++) {
      if (!(r.tests().get(i) instanceof TestResult.Pass)) {
        disagreements.add(
            cases.get(i).argsJson()
                + " java="
                + cases.get(i).outputJson()
                + " "
                + r.tests().get(i));
      }
    }
    assertEquals(List.of(), disagreements);
    assertEquals(cases.size(), r.tests().size());
  }

  private static String text(SplittableRandom rng, List<String> tokens) {
    StringBuilder sb = new StringBuilder();
    int lines = rng.nextInt(4);
    for (int l = 0; l < lines; l++) {
      int n = rng.nextInt(4);
      for (int t = 0; t < n; t++) {
        sb.append(tokens.get(rng.nextInt(tokens.size())));
        sb.append(List.of(" ", "  ", "\t").get(rng.nextInt(3)));
      }
      sb.append(List.of("\n", "\r\n", "\n\n").get(rng.nextInt(3)));
    }
    return sb.toString();
  }
}
