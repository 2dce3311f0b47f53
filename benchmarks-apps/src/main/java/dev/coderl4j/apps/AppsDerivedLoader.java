package dev.coderl4j.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the converted APPS sets of MapCoder ({@code selected150}) and TeamCoder ({@code
 * selected300}): {@code {name, id, description, difficulty, starter_code, sample_io, test_list}}
 * with tests as {@code {"input": str, "output": [value]}}.
 *
 * <p>The conversion is lossy for call-based problems: the arguments were written as {@code
 * str(arg)} joined by newlines, and TeamCoder also wrote outputs as {@code str(value)}. This loader
 * rebuilds them and <em>refuses</em> a problem rather than guess when:
 *
 * <ul>
 *   <li>the starter code has no single top-level {@code def} (no {@code fn_name} to call), or the
 *       function takes {@code *args}/{@code **kwargs};
 *   <li>an input of a function with p &gt; 1 parameters does not split into exactly p lines (a
 *       string argument with a newline makes the split ambiguous);
 *   <li>a value is a Python literal JSON cannot hold (a dict with int keys, inf, nan).
 * </ul>
 *
 * An argument position is read as Python literals when every case's text there is one, and as raw
 * strings otherwise (a position that holds {@code adfa} in one case is a string position, so {@code
 * 123} there is the string {@code "123"}); a string parameter whose every value looks like a number
 * stays ambiguous and is read as numbers. Stringified outputs are read as a literal when they are
 * one, else as the string. Duplicate rows (same id) are kept once.
 */
public final class AppsDerivedLoader {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern DEF =
      Pattern.compile("(?m)^([ \\t]*)def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(([^)]*)\\)");

  private AppsDerivedLoader() {}

  /**
   * What a file gave.
   *
   * @param problems accepted problems, in first-seen order
   * @param refused problem ids refused, with the reason
   * @param duplicateRows rows that repeated an earlier id
   * @param stringifiedOutputs whether call-based outputs were written as {@code str(value)}
   */
  public record Result(
      List<Problem> problems,
      Map<String, String> refused,
      int duplicateRows,
      boolean stringifiedOutputs) {
    public Result {
      problems = List.copyOf(problems);
      refused = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }
  }

  /**
   * Reads a converted set.
   *
   * @param set a short name for the ids, e.g. {@code mapcoder150} (the split is unrecorded)
   */
  public static Result read(InputStream raw, String source, String set) {
    List<JsonRecord> rows = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (!line.isBlank()) {
          rows.add(JsonRecord.parseLine(source, lineNo, line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source, e);
    }
    if (rows.isEmpty()) {
      throw new DataFormatException(source + ": no problems found");
    }
    // TeamCoder wrote every output as str(value); MapCoder kept JSON types. A file with any
    // non-string call-based output keeps types.
    boolean stringified = true;
    boolean anyCall = false;
    for (JsonRecord rec : rows) {
      if (!rec.text("starter_code").isBlank()) {
        for (JsonNode t : tests(rec, "test_list")) {
          anyCall = true;
          stringified &= t.get("output").get(0).isTextual();
        }
      }
    }
    stringified &= anyCall;
    List<Problem> problems = new ArrayList<>();
    Map<String, String> refused = new LinkedHashMap<>();
    Map<Integer, JsonNode> seen = new LinkedHashMap<>();
    int duplicates = 0;
    for (JsonRecord rec : rows) {
      int n = rec.integer("id");
      String name = rec.text("name");
      if (!name.equals(String.valueOf(n))) {
        throw rec.error("name", "must equal the id " + n + ", got " + name);
      }
      JsonNode before = seen.putIfAbsent(n, rec.node());
      if (before != null) {
        duplicates++;
        if (!before.equals(rec.node())) {
          throw rec.error("id", "repeats " + n + " with different content");
        }
        continue;
      }
      String id = AppsIds.problemId(set, n);
      String starter = rec.text("starter_code");
      String difficulty =
          AppsFolderLoader.difficulty(rec.field("difficulty"), source + ":" + rec.line());
      List<JsonNode> samples = tests(rec, "sample_io");
      List<JsonNode> hiddenRows = tests(rec, "test_list");
      TestSuite example;
      TestSuite hidden;
      if (starter.isBlank()) {
        example = stdin(samples, rec, "sample_io");
        hidden = stdin(hiddenRows, rec, "test_list");
      } else {
        try {
          Function fn = function(starter);
          example = call(fn, samples, stringified);
          hidden = call(fn, hiddenRows, stringified);
        } catch (Refused e) {
          refused.put(id, e.getMessage());
          continue;
        }
      }
      if (hidden.size() == 0) {
        refused.put(id, "no tests in test_list");
        continue;
      }
      problems.add(
          new Problem(
              id,
              "apps",
              rec.text("description"),
              starter,
              Optional.of(difficulty),
              example,
              hidden,
              List.of(),
              Map.of("split", set)));
    }
    return new Result(problems, refused, duplicates, stringified);
  }

  private static List<JsonNode> tests(JsonRecord rec, String field) {
    JsonNode arr = rec.field(field);
    if (!arr.isArray()) {
      throw rec.error(field, "must be an array of {input, output} objects");
    }
    List<JsonNode> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode t = arr.get(i);
      if (!t.isObject()
          || t.get("input") == null
          || !t.get("input").isTextual()
          || t.get("output") == null
          || !t.get("output").isArray()
          || t.get("output").size() != 1) {
        throw rec.error(
            field,
            "element "
                + i
                + " must be {\"input\": str, \"output\": [one value]}, got "
                + JsonRecord.describe(t));
      }
      out.add(t);
    }
    return out;
  }

  private static TestSuite.Stdin stdin(List<JsonNode> rows, JsonRecord rec, String field) {
    List<TestSuite.StdinCase> cases = new ArrayList<>();
    for (JsonNode t : rows) {
      JsonNode out = t.get("output").get(0);
      if (!out.isTextual()) {
        throw rec.error(
            field,
            "a standard-input problem's output must be a string, got " + JsonRecord.describe(out));
      }
      cases.add(new TestSuite.StdinCase(t.get("input").textValue(), out.textValue()));
    }
    return new TestSuite.Stdin(cases);
  }

  /** A function of the starter code: its name, and how many parameters it requires and takes. */
  private record Function(String name, int required, int params) {}

  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String m) {
      super(m, null, false, false);
    }
  }

  private static Function function(String starter) throws Refused {
    Matcher m = DEF.matcher(starter);
    List<Function> top = new ArrayList<>();
    boolean inClass = starter.contains("class Solution");
    while (m.find()) {
      boolean method = !m.group(1).isEmpty();
      if (method != inClass) {
        continue;
      }
      int params = 0;
      int required = 0;
      for (String p : m.group(3).split(",")) {
        String q = p.strip();
        if (q.isEmpty() || q.equals("self")) {
          continue;
        }
        if (q.startsWith("*")) {
          throw new Refused("the function takes " + q + ": the argument list cannot be rebuilt");
        }
        params++;
        required += q.contains("=") ? 0 : 1;
      }
      top.add(new Function(m.group(2), required, params));
    }
    if (top.size() != 1) {
      throw new Refused(
          "the starter code defines "
              + top.size()
              + " candidate functions, so fn_name is ambiguous");
    }
    if (top.getFirst().params() == 0
        || top.getFirst().required() == 0 && top.getFirst().params() > 1) {
      throw new Refused(
          "the function takes no required parameters, so the arguments given cannot be placed");
    }
    return top.getFirst();
  }

  private static TestSuite.Call call(Function fn, List<JsonNode> rows, boolean stringified)
      throws Refused {
    int p = fn.params();
    List<List<String>> parts = new ArrayList<>();
    for (JsonNode t : rows) {
      String input = t.get("input").textValue();
      List<String> split = p == 1 ? List.of(input) : List.of(input.split("\n", -1));
      if (split.size() < fn.required() || split.size() > p) {
        throw new Refused(
            "input "
                + JsonRecord.describe(t.get("input"))
                + " has "
                + split.size()
                + " lines for "
                + fn.required()
                + (fn.required() == p ? "" : " to " + p)
                + " parameters of "
                + fn.name());
      }
      parts.add(split);
    }
    boolean[] literal = new boolean[p];
    for (int a = 0; a < p; a++) {
      literal[a] = true;
      for (List<String> ps : parts) {
        if (a >= ps.size()) {
          continue;
        }
        PythonLiteral.Parsed v = PythonLiteral.parse(ps.get(a));
        if (v instanceof PythonLiteral.Unrepresentable u) {
          throw new Refused("argument " + a + " '" + ps.get(a) + "': " + u.why());
        }
        literal[a] &= v instanceof PythonLiteral.Value;
      }
    }
    List<TestSuite.CallCase> cases = new ArrayList<>();
    for (int c = 0; c < rows.size(); c++) {
      ArrayNode args = F.arrayNode();
      for (int a = 0; a < parts.get(c).size(); a++) {
        String text = parts.get(c).get(a);
        args.add(
            literal[a]
                ? ((PythonLiteral.Value) PythonLiteral.parse(text)).json()
                : F.textNode(text));
      }
      JsonNode out = rows.get(c).get("output").get(0);
      if (stringified && out.isTextual()) {
        PythonLiteral.Parsed v = PythonLiteral.parse(out.textValue());
        out =
            switch (v) {
              case PythonLiteral.Value x -> x.json();
              case PythonLiteral.NotLiteral x -> out;
              case PythonLiteral.Unrepresentable u ->
                  throw new Refused("output '" + out.textValue() + "': " + u.why());
            };
      }
      cases.add(new TestSuite.CallCase(args.toString(), out.toString()));
    }
    return new TestSuite.Call(fn.name(), cases);
  }
}
