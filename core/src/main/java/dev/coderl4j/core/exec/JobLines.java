package dev.coderl4j.core.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderl4j.core.problem.TestSuite;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The JSON Lines job and result format of {@code coderl exec} (see {@code docs/execution.md}).
 *
 * <p>A job line is {@code {"id", "kind": "assert"|"stdin"|"call", "program", "tests", "setup"?,
 * "fn_name"?}}; a result line is {@code {"id", "outcome", "tests", "millis"}} with each test as
 * {@code true}, {@code false} or the exception's type name. A line that cannot be read becomes an
 * {@link Parsed.Malformed} value, never an exception, so that one bad line does not stop a batch.
 */
public final class JobLines {
  private static final Set<String> JOB_FIELDS =
      Set.of("id", "kind", "program", "tests", "setup", "fn_name");

  private final ObjectMapper mapper = new ObjectMapper();

  /** One input line, read. */
  public sealed interface Parsed permits Parsed.Job, Parsed.Malformed {
    /** A well-formed job. */
    record Job(ExecutionJob job) implements Parsed {
      public Job {
        Objects.requireNonNull(job, "job");
      }
    }

    /**
     * A line that is not a valid job.
     *
     * @param id the line's {@code id} when it could be read, else {@code "line-N"}
     * @param line the 1-based line number
     * @param reason what is wrong, in words that say how to fix it
     */
    record Malformed(String id, int line, String reason) implements Parsed {
      public Malformed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /** Reads one job line; {@code lineNo} is 1-based and only used in messages and default ids. */
  public Parsed parse(String text, int lineNo) {
    String fallbackId = "line-" + lineNo;
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      return new Parsed.Malformed(fallbackId, lineNo, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return new Parsed.Malformed(fallbackId, lineNo, "a job must be a JSON object, one per line");
    }
    JsonNode idNode = node.get("id");
    String id = idNode != null && idNode.isValueNode() && !idNode.isNull() ? idNode.asText() : null;
    try {
      if (id == null) {
        throw new IllegalArgumentException("missing \"id\" (a string that names the job)");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!JOB_FIELDS.contains(f)) {
          throw new IllegalArgumentException(
              "unknown field \"" + f + "\"; a job has " + new java.util.TreeSet<>(JOB_FIELDS));
        }
      }
      String program = text(node, "program", true);
      String kind = text(node, "kind", true);
      JsonNode tests = node.get("tests");
      if (tests == null || !tests.isArray()) {
        throw new IllegalArgumentException("\"tests\" must be a JSON array");
      }
      TestSuite suite =
          switch (kind) {
            case "assert" -> asserts(node, tests);
            case "stdin" -> stdin(node, tests);
            case "call" -> call(node, tests);
            default ->
                throw new IllegalArgumentException(
                    "\"kind\" must be \"assert\", \"stdin\" or \"call\", got \"" + kind + "\"");
          };
      return new Parsed.Job(new ExecutionJob(id, program, suite));
    } catch (IllegalArgumentException e) {
      return new Parsed.Malformed(id == null ? fallbackId : id, lineNo, e.getMessage());
    }
  }

  private static TestSuite asserts(JsonNode node, JsonNode tests) {
    refuse(node, "fn_name", "assert");
    List<String> asserts = new ArrayList<>();
    for (JsonNode t : tests) {
      if (!t.isTextual()) {
        throw new IllegalArgumentException("assert tests must be statement strings, got " + t);
      }
      asserts.add(t.asText());
    }
    String setup = node.has("setup") ? text(node, "setup", true) : "";
    return new TestSuite.Asserts(setup, asserts);
  }

  private static TestSuite stdin(JsonNode node, JsonNode tests) {
    refuse(node, "fn_name", "stdin");
    refuse(node, "setup", "stdin");
    List<TestSuite.StdinCase> cases = new ArrayList<>();
    for (JsonNode t : tests) {
      if (!t.isObject() || !t.path("input").isTextual() || !t.path("output").isTextual()) {
        throw new IllegalArgumentException(
            "stdin tests must be {\"input\": str, \"output\": str}, got " + t);
      }
      cases.add(new TestSuite.StdinCase(t.get("input").asText(), t.get("output").asText()));
    }
    return new TestSuite.Stdin(cases);
  }

  private static TestSuite call(JsonNode node, JsonNode tests) {
    refuse(node, "setup", "call");
    String fn = text(node, "fn_name", true);
    List<TestSuite.CallCase> cases = new ArrayList<>();
    for (JsonNode t : tests) {
      if (!t.isObject() || !t.path("args").isArray() || !t.has("output")) {
        throw new IllegalArgumentException(
            "call tests must be {\"args\": [...], \"output\": any}, got " + t);
      }
      cases.add(new TestSuite.CallCase(t.get("args").toString(), t.get("output").toString()));
    }
    if (fn.isBlank()) {
      throw new IllegalArgumentException("\"fn_name\" is blank: name the function to call");
    }
    return new TestSuite.Call(fn, cases);
  }

  private static void refuse(JsonNode node, String field, String kind) {
    if (node.has(field)) {
      throw new IllegalArgumentException(
          "\"" + field + "\" does not apply to kind \"" + kind + "\"");
    }
  }

  private static String text(JsonNode node, String field, boolean required) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException("missing \"" + field + "\"");
      }
      return "";
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(
          "\"" + field + "\" must be a string, got " + v.getNodeType());
    }
    return v.asText();
  }

  /** The job as one JSON line (no trailing newline), the inverse of {@link #parse}. */
  public String jobLine(ExecutionJob job) {
    ObjectNode o = mapper.createObjectNode();
    o.put("id", job.id());
    ArrayNode tests = o.putArray("tests");
    switch (job.tests()) {
      case TestSuite.Asserts a -> {
        o.put("kind", "assert");
        a.asserts().forEach(tests::add);
        if (!a.setup().isEmpty()) {
          o.put("setup", a.setup());
        }
      }
      case TestSuite.Stdin s -> {
        o.put("kind", "stdin");
        s.cases().forEach(c -> tests.addObject().put("input", c.input()).put("output", c.output()));
      }
      case TestSuite.Call c -> {
        o.put("kind", "call");
        o.put("fn_name", c.fnName());
        for (TestSuite.CallCase cc : c.cases()) {
          ObjectNode t = tests.addObject();
          t.set("args", readJson(cc.argsJson()));
          t.set("output", readJson(cc.outputJson()));
        }
      }
    }
    o.put("program", job.program());
    return o.toString();
  }

  /** The result as one JSON line: exactly {@code id, outcome, tests, millis}. */
  public String resultLine(ExecutionResult r) {
    return resultNode(r).toString();
  }

  /** The result as a JSON object, for callers that add fields (e.g. a disagreement). */
  public ObjectNode resultNode(ExecutionResult r) {
    ObjectNode o = mapper.createObjectNode();
    o.put("id", r.jobId());
    o.put("outcome", r.outcome().label());
    o.set("tests", OutcomeCodec.testsNode(r.tests()));
    o.put("millis", r.millis());
    return o;
  }

  /** The error record for a malformed line: {@code {"id", "line", "error"}}. */
  public String errorLine(Parsed.Malformed m) {
    ObjectNode o = mapper.createObjectNode();
    o.put("id", m.id());
    o.put("line", m.line());
    o.put("error", m.reason());
    return o.toString();
  }

  /** The wire form of a test result list, e.g. {@code [true,false,"ZeroDivisionError"]}. */
  public static String testsWire(List<TestResult> tests) {
    return OutcomeCodec.testsNode(tests).toString();
  }

  private JsonNode readJson(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + json, e);
    }
  }
}
