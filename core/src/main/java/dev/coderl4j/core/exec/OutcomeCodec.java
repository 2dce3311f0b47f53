package dev.coderl4j.core.exec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one JSON form of an {@link Outcome} and of per-test {@link TestResult}s (§3.3, Eq. 4–7), used
 * by job result lines, sample records and evaluation results alike.
 *
 * <p>An outcome is an object with its {@code label} and the details its class has: {@code message}
 * (compile error), {@code errorType} and {@code test} (runtime error), {@code test} (failed test).
 * A test result is {@code true}, {@code false} or the error's type name, as APPS' scripts write
 * them. Both types carry Jackson annotations that point here, so a record holding them is written
 * and read without hand conversion, and nothing (the compile message included) is lost on the way.
 */
public final class OutcomeCodec {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> LABELS =
      List.of(
          Outcome.CompileError.LABEL,
          Outcome.RuntimeError.LABEL,
          Outcome.FailedTest.LABEL,
          Outcome.Passed.LABEL);

  private OutcomeCodec() {}

  /** {@code outcome} as a JSON object. */
  public static ObjectNode outcomeNode(Outcome outcome) {
    ObjectNode o = NODES.objectNode();
    o.put("label", outcome.label());
    switch (outcome) {
      case Outcome.CompileError c -> o.put("message", c.message());
      case Outcome.RuntimeError r -> o.put("errorType", r.errorType()).put("test", r.testIndex());
      case Outcome.FailedTest f -> o.put("test", f.testIndex());
      case Outcome.Passed p -> {}
    }
    return o;
  }

  /** The outcome {@link #outcomeNode} wrote; fails with the known labels on anything else. */
  public static Outcome readOutcome(JsonNode node) {
    if (node == null || !node.isObject() || !node.path("label").isTextual()) {
      throw new IllegalArgumentException(
          "an outcome must be an object with a \"label\" (one of " + LABELS + "), got " + node);
    }
    String label = node.get("label").asText();
    return switch (label) {
      case Outcome.CompileError.LABEL -> new Outcome.CompileError(node.path("message").asText(""));
      case Outcome.RuntimeError.LABEL ->
          new Outcome.RuntimeError(node.path("errorType").asText(""), node.path("test").asInt(-1));
      case Outcome.FailedTest.LABEL -> new Outcome.FailedTest(node.path("test").asInt(-1));
      case Outcome.Passed.LABEL -> new Outcome.Passed();
      default ->
          throw new IllegalArgumentException(
              "unknown outcome label '" + label + "'; expected one of " + LABELS);
    };
  }

  /** One test result: {@code true}, {@code false} or the error's type name. */
  public static JsonNode testNode(TestResult test) {
    return switch (test) {
      case TestResult.Pass p -> NODES.booleanNode(true);
      case TestResult.Fail f -> NODES.booleanNode(false);
      case TestResult.Error e -> NODES.textNode(e.type());
    };
  }

  /** The test result {@link #testNode} wrote. */
  public static TestResult readTest(JsonNode node) {
    if (node != null && node.isBoolean()) {
      return node.booleanValue() ? TestResult.PASS : TestResult.FAIL;
    }
    if (node != null && node.isTextual()) {
      return new TestResult.Error(node.asText());
    }
    throw new IllegalArgumentException(
        "a test result must be true, false or an error type name, got " + node);
  }

  /** The test results as a JSON array. */
  public static ArrayNode testsNode(List<TestResult> tests) {
    ArrayNode a = NODES.arrayNode();
    tests.forEach(t -> a.add(testNode(t)));
    return a;
  }

  /** The test results {@link #testsNode} wrote. */
  public static List<TestResult> readTests(JsonNode node) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException("test results must be a JSON array, got " + node);
    }
    List<TestResult> out = new ArrayList<>(node.size());
    node.forEach(n -> out.add(readTest(n)));
    return List.copyOf(out);
  }

  /** Writes an {@link Outcome} with {@link #outcomeNode}. */
  public static final class OutcomeSerializer extends StdSerializer<Outcome> {
    private static final long serialVersionUID = 1L;

    public OutcomeSerializer() {
      super(Outcome.class);
    }

    @Override
    public void serialize(Outcome value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeTree(outcomeNode(value));
    }
  }

  /** Reads an {@link Outcome} with {@link #readOutcome}. */
  public static final class OutcomeDeserializer extends StdDeserializer<Outcome> {
    private static final long serialVersionUID = 1L;

    public OutcomeDeserializer() {
      super(Outcome.class);
    }

    @Override
    public Outcome deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = p.readValueAsTree();
      try {
        return readOutcome(node);
      } catch (IllegalArgumentException e) {
        return (Outcome)
            ctxt.handleWeirdStringValue(Outcome.class, String.valueOf(node), e.getMessage());
      }
    }
  }

  /** Writes a {@link TestResult} with {@link #testNode}. */
  public static final class TestSerializer extends StdSerializer<TestResult> {
    private static final long serialVersionUID = 1L;

    public TestSerializer() {
      super(TestResult.class);
    }

    @Override
    public void serialize(TestResult value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeTree(testNode(value));
    }
  }

  /** Reads a {@link TestResult} with {@link #readTest}. */
  public static final class TestDeserializer extends StdDeserializer<TestResult> {
    private static final long serialVersionUID = 1L;

    public TestDeserializer() {
      super(TestResult.class);
    }

    @Override
    public TestResult deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = p.readValueAsTree();
      try {
        return readTest(node);
      } catch (IllegalArgumentException e) {
        return (TestResult)
            ctxt.handleWeirdStringValue(TestResult.class, String.valueOf(node), e.getMessage());
      }
    }
  }
}
