package dev.coderl4j.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.benchmark.JsonRecord;
import dev.coderl4j.core.problem.TestSuite;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads CodeRL's example tests of the 5,000 APPS test problems (one record per problem: {@code
 * {"problem_id": "0000", "input_output": {...} | null}}); they are the input/output pairs shown in
 * each statement, which Critic Sampling and n@k filter with (§3.3, §4).
 */
public final class AppsExampleTests {
  /** The bundled file's name under {@code data/}. */
  public static final String BUNDLED = "apps_test_example_tests.jsonl";

  private AppsExampleTests() {}

  /** Example tests by 4-digit id; empty for the problems whose record is {@code null}. */
  public static Map<String, Optional<TestSuite.Stdin>> read(InputStream raw, String source) {
    Map<String, Optional<TestSuite.Stdin>> out = new LinkedHashMap<>();
    JsonRecord.forEachLine(
        raw,
        source,
        rec -> {
          String id = rec.text("problem_id");
          if (!id.matches("\\d{4}")) {
            throw rec.error("problem_id", "must be a 4-digit id such as \"0042\", got " + id);
          }
          JsonNode io = rec.field("input_output");
          Optional<TestSuite.Stdin> suite = Optional.empty();
          if (!io.isNull()) {
            TestSuite s = InputOutput.parse(io, source + ":" + rec.line());
            if (!(s instanceof TestSuite.Stdin stdin)) {
              throw rec.error(
                  "input_output", "must hold stdin/stdout pairs (CodeRL stores all examples so)");
            }
            suite = Optional.of(stdin);
          }
          if (out.put(id, suite) != null) {
            throw rec.error("problem_id", "repeats " + id);
          }
        });
    if (out.isEmpty()) {
      throw new DataFormatException(source + ": no example tests found");
    }
    return out;
  }

  /** The bundled file, as suites by id (problems without examples left out). */
  public static Map<String, TestSuite> bundled() {
    InputStream in = AppsExampleTests.class.getResourceAsStream("data/" + BUNDLED);
    if (in == null) {
      throw new IllegalStateException("bundled data/" + BUNDLED + " is missing");
    }
    Map<String, TestSuite> out = new LinkedHashMap<>();
    read(in, "bundled " + BUNDLED).forEach((id, s) -> s.ifPresent(x -> out.put(id, x)));
    return out;
  }

  /**
   * {@code examples} when they can test a program of {@code hidden}'s shape, else an empty suite of
   * that shape: CodeRL stores even call-based problems' examples as stdin text, which a call-based
   * program cannot be run against.
   */
  static TestSuite compatible(TestSuite examples, TestSuite hidden) {
    return examples.getClass() == hidden.getClass() ? examples : hidden.limit(0);
  }
}
