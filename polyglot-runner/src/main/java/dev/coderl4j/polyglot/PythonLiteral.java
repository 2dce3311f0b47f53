package dev.coderl4j.polyglot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Turns a JSON value into the source of the equal Python literal ({@code true} → {@code True},
 * objects → dicts, arrays → lists), so that the GraalPy harness needs no {@code json} import (which
 * costs ~80 ms per fresh context).
 *
 * <p>The result is what Python's {@code json.loads} would return: integers stay exact, other
 * numbers become floats, strings are escaped so that every code point survives.
 */
public final class PythonLiteral {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PythonLiteral() {}

  /** The Python literal for the JSON text {@code json}. */
  public static String fromJson(String json) {
    try {
      StringBuilder sb = new StringBuilder();
      append(MAPPER.readTree(json), sb);
      return sb.toString();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + json, e);
    }
  }

  private static void append(JsonNode n, StringBuilder sb) {
    switch (n.getNodeType()) {
      case NULL, MISSING -> sb.append("None");
      case BOOLEAN -> sb.append(n.booleanValue() ? "True" : "False");
      case NUMBER -> {
        if (n.isIntegralNumber()) {
          sb.append(n.bigIntegerValue());
        } else {
          double d = n.doubleValue();
          if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "1e999" : "-1e999");
          } else {
            sb.append(Double.toString(d));
          }
        }
      }
      case STRING -> string(n.textValue(), sb);
      case ARRAY -> {
        sb.append('[');
        boolean first = true;
        for (JsonNode e : n) {
          sb.append(first ? "" : ", ");
          first = false;
          append(e, sb);
        }
        sb.append(']');
      }
      case OBJECT -> {
        sb.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          sb.append(first ? "" : ", ");
          first = false;
          string(e.getKey(), sb);
          sb.append(": ");
          append(e.getValue(), sb);
        }
        sb.append('}');
      }
      default -> throw new IllegalArgumentException("unsupported JSON value: " + n);
    }
  }

  /** A Python string literal for {@code s}: printable ASCII as is, everything else escaped. */
  public static void string(String s, StringBuilder sb) {
    sb.append('\'');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\\' -> sb.append("\\\\");
        case '\'' -> sb.append("\\'");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (cp >= 0x20 && cp < 0x7f) {
            sb.append((char) cp);
          } else if (cp <= 0xffff) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    sb.append('\'');
  }
}
