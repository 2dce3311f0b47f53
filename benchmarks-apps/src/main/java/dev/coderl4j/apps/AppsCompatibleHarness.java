package dev.coderl4j.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.exec.ExecutionResult;
import dev.coderl4j.core.exec.Outcome;
import dev.coderl4j.core.problem.TestSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs APPS standard-input tests with {@link OutputComparison.AppsCompatible} in the sandbox.
 *
 * <p>The runner compares stdout strictly, and only the benchmark may relax that (the runner owns
 * outcomes; a benchmark owns its special cases). So each stdin test becomes a call-based test of a
 * harness program ({@code apps_compatible_harness.py}) that runs the candidate in-process with
 * stdin and stdout replaced, the way the APPS/CodeRL harness itself does, and returns whether the
 * output matches; the expected value is {@code true}. A candidate that does not compile makes the
 * harness fail to load with a {@code SyntaxError}, which {@link #interpret} reports as
 * COMPILE_ERROR, as the runner would.
 */
public final class AppsCompatibleHarness {
  /** The harness function each test calls. */
  public static final String FUNCTION = "coderl_apps_stdin";

  private static final Set<String> COMPILE_ERRORS =
      Set.of("SyntaxError", "IndentationError", "TabError");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String harness;

  public AppsCompatibleHarness() {
    try (InputStream in =
        AppsCompatibleHarness.class.getResourceAsStream("apps_compatible_harness.py")) {
      if (in == null) {
        throw new IllegalStateException("apps_compatible_harness.py is missing from the jar");
      }
      harness = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The job that runs {@code program} against {@code tests} through the harness. */
  public ExecutionJob job(String jobId, String program, TestSuite.Stdin tests) {
    List<TestSuite.CallCase> cases = new ArrayList<>();
    for (TestSuite.StdinCase c : tests.cases()) {
      var args = JsonNodeFactory.instance.arrayNode().add(c.input()).add(c.output());
      cases.add(new TestSuite.CallCase(args.toString(), "true"));
    }
    return new ExecutionJob(jobId, program(program), new TestSuite.Call(FUNCTION, cases));
  }

  /**
   * The harness with {@code program} embedded as a string literal, under APPS' header: the
   * candidate runs under the harness's own copy of it, and the header's imports at the top let a
   * runner see and import those modules before the tests (as it did when runners added it).
   */
  String program(String program) {
    try {
      // A JSON string literal is a valid Python string literal (Jackson escapes quotes,
      // backslashes and control characters as \" \\ \\uXXXX, all of which Python reads alike).
      return AppsHeader.TEXT
          + "_CODERL_SRC = "
          + MAPPER.writeValueAsString(program)
          + "\n"
          + harness;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The runner's result of a harness job, with a candidate's syntax error as COMPILE_ERROR. */
  public ExecutionResult interpret(ExecutionResult r) {
    if (r.outcome() instanceof Outcome.RuntimeError e
        && e.testIndex() < 0
        && COMPILE_ERRORS.contains(e.errorType())) {
      return new ExecutionResult(
          r.jobId(),
          new Outcome.CompileError(e.errorType() + ": " + r.detail()),
          r.tests(),
          r.millis(),
          r.backend(),
          r.detail());
    }
    return r;
  }
}
