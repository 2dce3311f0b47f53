package dev.coderl4j.core.benchmark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One JSON record of a benchmark file with typed, validating field access: every error names the
 * file, the line (or record index) and the field, and says what was expected.
 *
 * @param node the record
 * @param source the file's name, as shown in errors
 * @param line the 1-based line of a JSON Lines file, or the 1-based index of a record in an array
 */
public record JsonRecord(JsonNode node, String source, int line) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public JsonRecord {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(source, "source");
  }

  /** Parses one line of a JSON Lines file; it must be a JSON object. */
  public static JsonRecord parseLine(String source, int line, String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new DataFormatException(
          source + ":" + line + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (node == null || !node.isObject()) {
      throw new DataFormatException(source + ":" + line + ": expected a JSON object per line");
    }
    return new JsonRecord(node, source, line);
  }

  /**
   * Calls {@code each} with every non-blank line of a JSON Lines stream, parsed as a record that
   * knows its file and line; an unreadable stream fails naming {@code source}.
   */
  public static void forEachLine(
      java.io.InputStream in, String source, java.util.function.Consumer<JsonRecord> each) {
    try (java.io.BufferedReader r =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
      String text;
      int line = 0;
      while ((text = r.readLine()) != null) {
        line++;
        if (!text.isBlank()) {
          each.accept(parseLine(source, line, text));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read " + source, e);
    }
  }

  /** The error for {@code field}. */
  public DataFormatException error(String field, String problem) {
    return new DataFormatException(source + ":" + line + ": field '" + field + "' " + problem);
  }

  /** A required field, any JSON type. */
  public JsonNode field(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw error(field, "is missing");
    }
    return v;
  }

  /** Whether the field is present and not null. */
  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** A required string field. */
  public String text(String field) {
    JsonNode v = field(field);
    if (!v.isTextual()) {
      throw error(field, "must be a string, got " + describe(v));
    }
    return v.textValue();
  }

  /** An optional string field: absent or null give empty. */
  public Optional<String> optionalText(String field) {
    return has(field) ? Optional.of(text(field)) : Optional.empty();
  }

  /** A required integer field. */
  public int integer(String field) {
    JsonNode v = field(field);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(field, "must be an integer, got " + describe(v));
    }
    return v.intValue();
  }

  /** A required array of strings. */
  public List<String> strings(String field) {
    JsonNode v = field(field);
    if (!v.isArray()) {
      throw error(field, "must be an array of strings, got " + describe(v));
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw error(
            field, "must be an array of strings; element " + i + " is " + describe(v.get(i)));
      }
      out.add(v.get(i).textValue());
    }
    return out;
  }

  /** A short description of a JSON value for messages. */
  public static String describe(JsonNode v) {
    String type = v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    String text = v.toString();
    return type + " " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }
}
