package dev.coderl4j.mbpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.benchmark.Completions;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.benchmark.JsonRecord;
import dev.coderl4j.core.problem.Problem;
import dev.coderl4j.core.problem.TestSuite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads MBPP: the full set ({@code mbpp.jsonl}, 974 tasks) and the sanitized set ({@code
 * sanitized-mbpp.json}, 427 tasks), validating every field.
 *
 * <p>The three asserts of a task are shown in its prompt (§4.4 and Austin et al.), so they are both
 * the example tests and the hidden tests; {@code challenge_test_list} is kept in the metadata and
 * added to the hidden tests on request. The reference code's {@code \r\n} line endings become
 * {@code \n}.
 */
public final class MbppLoader {
  /** Metadata key: the task's split ({@code prompt|test|validation|train}). */
  public static final String SPLIT = "split";

  /** Metadata key: the challenge asserts, as a JSON array of strings (full MBPP only). */
  public static final String CHALLENGE_TESTS = "challenge_tests";

  /** Metadata key: {@code full} or {@code sanitized}. */
  public static final String VARIANT = "variant";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MbppLoader() {}

  /** The problem id of MBPP task {@code n}. */
  public static String problemId(int n) {
    return "mbpp/" + n;
  }

  /**
   * Reads the full MBPP JSON Lines file.
   *
   * @param withChallengeTests add each task's challenge asserts to its hidden tests
   */
  public static List<Problem> readFull(InputStream in, String source, boolean withChallengeTests) {
    List<Problem> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    JsonRecord.forEachLine(
        in,
        source,
        rec -> {
          int id = rec.integer("task_id");
          if (!seen.add(id)) {
            throw rec.error("task_id", "repeats task " + id);
          }
          MbppSplit split = split(rec, id);
          String text = rec.text("text");
          String code = Completions.unixNewlines(rec.text("code"));
          List<String> tests = asserts(rec, "test_list");
          String setup = Completions.unixNewlines(rec.text("test_setup_code"));
          List<String> challenge = rec.strings("challenge_test_list");
          List<String> hidden = new ArrayList<>(tests);
          if (withChallengeTests) {
            hidden.addAll(challenge);
          }
          Map<String, String> meta = new LinkedHashMap<>();
          meta.put(SPLIT, split.label());
          meta.put(VARIANT, "full");
          meta.put(CHALLENGE_TESTS, json(challenge));
          out.add(
              new Problem(
                  problemId(id),
                  "mbpp",
                  text,
                  "",
                  Optional.empty(),
                  new TestSuite.Asserts(setup, tests),
                  new TestSuite.Asserts(setup, hidden),
                  List.of(code),
                  meta));
        });
    if (out.isEmpty()) {
      throw new DataFormatException(source + ": no MBPP tasks found");
    }
    return out;
  }

  /** Reads the sanitized MBPP file (one JSON array). */
  public static List<Problem> readSanitized(InputStream in, String source) {
    JsonNode root;
    try (in) {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(
          source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
    if (root == null || !root.isArray()) {
      throw new DataFormatException(
          source + ": expected a JSON array of tasks (sanitized-mbpp.json)");
    }
    List<Problem> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      if (!root.get(i).isObject()) {
        throw new DataFormatException(source + ": record " + (i + 1) + " is not a JSON object");
      }
      JsonRecord rec = new JsonRecord(root.get(i), source, i + 1);
      int id = rec.integer("task_id");
      if (!seen.add(id)) {
        throw rec.error("task_id", "repeats task " + id);
      }
      MbppSplit split = split(rec, id);
      rec.text("source_file");
      String prompt = rec.text("prompt");
      String code = Completions.unixNewlines(rec.text("code"));
      List<String> tests = asserts(rec, "test_list");
      String setup = String.join("\n", rec.strings("test_imports"));
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put(SPLIT, split.label());
      meta.put(VARIANT, "sanitized");
      TestSuite.Asserts suite = new TestSuite.Asserts(setup, tests);
      out.add(
          new Problem(
              problemId(id),
              "mbpp",
              prompt,
              "",
              Optional.empty(),
              suite,
              suite,
              List.of(code),
              meta));
    }
    if (out.isEmpty()) {
      throw new DataFormatException(source + ": no MBPP tasks found");
    }
    return out;
  }

  private static MbppSplit split(JsonRecord rec, int id) {
    try {
      return MbppSplit.of(id);
    } catch (IllegalArgumentException e) {
      throw rec.error("task_id", "must be in 1..974, got " + id);
    }
  }

  private static List<String> asserts(JsonRecord rec, String field) {
    List<String> tests = rec.strings(field);
    if (tests.isEmpty()) {
      throw rec.error(field, "is empty: every MBPP task has assert tests");
    }
    for (String t : tests) {
      if (!t.strip().startsWith("assert")) {
        throw rec.error(field, "must hold assert statements, got: " + t);
      }
    }
    return tests;
  }

  private static String json(List<String> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
