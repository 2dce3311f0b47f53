package dev.coderl4j.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A command-line option whose value is a JSON object (runner or benchmark params). */
public final class JsonOption {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonOption() {}

  /**
   * The option's value as a JSON object (a copy), or an error that names the option and shows an
   * example of what it takes.
   *
   * @param option the option's name, e.g. {@code --runner-params}
   * @param json its value
   * @param example a valid value to show in the error, e.g. {@code {"compilation": "jit"}}
   */
  public static ObjectNode object(String option, String json, String example) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          option
              + " is not valid JSON ("
              + e.getOriginalMessage()
              + "); give an object such as '"
              + example
              + "'");
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          option + " must be a JSON object such as '" + example + "'");
    }
    return ((ObjectNode) n).deepCopy();
  }
}
