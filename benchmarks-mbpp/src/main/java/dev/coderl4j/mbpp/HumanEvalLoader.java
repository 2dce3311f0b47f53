package dev.coderl4j.mbpp;

import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.benchmark.JsonRecord;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads HumanEval ({@code HumanEval.jsonl.gz}, 164 problems; plain JSON Lines is accepted too).
 *
 * <p>The hidden test is {@code check(<entry_point>)} after the problem's {@code test} code, exactly
 * what {@code openai/human-eval} runs; HumanEval has no separate example tests, so example-test
 * filtering keeps every sample. The reference solution is {@code prompt + canonical_solution}.
 */
public final class HumanEvalLoader {
  /** Metadata key: the function under test. */
  public static final String ENTRY_POINT = "entry_point";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private HumanEvalLoader() {}

  /** Reads gzip-compressed or plain JSON Lines. */
  public static List<Problem> read(InputStream raw, String source) {
    List<Problem> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (InputStream in = maybeGunzip(raw);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonRecord rec = JsonRecord.parseLine(source, lineNo, line);
        String id = rec.text("task_id");
        if (!id.startsWith("HumanEval/")) {
          throw rec.error("task_id", "must look like HumanEval/<n>, got " + id);
        }
        if (!seen.add(id)) {
          throw rec.error("task_id", "repeats " + id);
        }
        String prompt = rec.text("prompt");
        String entry = rec.text("entry_point");
        if (!IDENTIFIER.matcher(entry).matches()) {
          throw rec.error("entry_point", "must be a Python identifier, got " + entry);
        }
        String solution = rec.text("canonical_solution");
        String test = rec.text("test");
        if (!test.contains("def check(")) {
          throw rec.error("test", "must define check(candidate)");
        }
        TestSuite.Asserts hidden = new TestSuite.Asserts(test, List.of("check(" + entry + ")"));
        out.add(
            new Problem(
                id,
                "humaneval",
                prompt,
                prompt,
                Optional.empty(),
                new TestSuite.Asserts("", List.of()),
                hidden,
                List.of(prompt + solution),
                Map.of(ENTRY_POINT, entry)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
    if (out.isEmpty()) {
      throw new DataFormatException(source + ": no HumanEval problems found");
    }
    return out;
  }

  private static InputStream maybeGunzip(InputStream raw) throws IOException {
    java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in) : in;
  }
}
