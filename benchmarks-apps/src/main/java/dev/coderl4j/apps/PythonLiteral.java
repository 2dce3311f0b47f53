package dev.coderl4j.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads the text of a Python literal ({@code str(value)} of numbers, strings, booleans, None,
 * lists, tuples and dicts) as JSON, for the converted APPS sets that stringify arguments.
 */
final class PythonLiteral {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** What reading a text gave. */
  sealed interface Parsed permits Value, NotLiteral, Unrepresentable {}

  /** A literal, as JSON (tuples become arrays, None becomes null). */
  record Value(JsonNode json) implements Parsed {}

  /** Not a Python literal: the text can only be a bare string. */
  record NotLiteral() implements Parsed {}

  /** A Python literal JSON cannot hold (a dict with non-string keys, inf, nan, a set...). */
  record Unrepresentable(String why) implements Parsed {}

  private final String s;
  private int i;

  private PythonLiteral(String s) {
    this.s = s;
  }

  static Parsed parse(String text) {
    PythonLiteral p = new PythonLiteral(text);
    try {
      p.ws();
      JsonNode v = p.value();
      p.ws();
      if (p.i != p.s.length()) {
        return new NotLiteral();
      }
      return new Value(v);
    } catch (Syntax e) {
      return new NotLiteral();
    } catch (Unsupported e) {
      return new Unrepresentable(e.getMessage());
    }
  }

  private static final class Syntax extends Exception {
    private static final long serialVersionUID = 1L;

    Syntax() {
      super(null, null, false, false);
    }
  }

  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported(String m) {
      super(m, null, false, false);
    }
  }

  private void ws() {
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
  }

  private char peek() throws Syntax {
    if (i >= s.length()) {
      throw new Syntax();
    }
    return s.charAt(i);
  }

  private JsonNode value() throws Syntax, Unsupported {
    char c = peek();
    if (c == '[') {
      return seq('[', ']');
    }
    if (c == '(') {
      return seq('(', ')');
    }
    if (c == '{') {
      return dict();
    }
    if (c == '\'' || c == '"') {
      return F.textNode(string());
    }
    if (s.startsWith("True", i)) {
      i += 4;
      return F.booleanNode(true);
    }
    if (s.startsWith("False", i)) {
      i += 5;
      return F.booleanNode(false);
    }
    if (s.startsWith("None", i)) {
      i += 4;
      return F.nullNode();
    }
    return number();
  }

  private ArrayNode seq(char open, char close) throws Syntax, Unsupported {
    i++;
    ArrayNode a = F.arrayNode();
    ws();
    if (peek() == close) {
      i++;
      return a;
    }
    while (true) {
      a.add(value());
      ws();
      char c = peek();
      i++;
      if (c == close) {
        return a;
      }
      if (c != ',') {
        throw new Syntax();
      }
      ws();
      if (peek() == close) {
        i++;
        return a;
      }
    }
  }

  private ObjectNode dict() throws Syntax, Unsupported {
    i++;
    ObjectNode o = F.objectNode();
    ws();
    if (peek() == '}') {
      i++;
      return o;
    }
    while (true) {
      ws();
      JsonNode k = value();
      if (!k.isTextual()) {
        throw new Unsupported("a dict with non-string keys has no JSON form");
      }
      ws();
      if (peek() != ':') {
        throw new Unsupported("a set literal has no JSON form");
      }
      i++;
      ws();
      o.set(k.textValue(), value());
      ws();
      char c = peek();
      i++;
      if (c == '}') {
        return o;
      }
      if (c != ',') {
        throw new Syntax();
      }
      ws();
      if (peek() == '}') {
        i++;
        return o;
      }
    }
  }

  private String string() throws Syntax {
    char q = s.charAt(i++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = peek();
      i++;
      if (c == q) {
        return sb.toString();
      }
      if (c == '\n') {
        throw new Syntax();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = peek();
      i++;
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '0' -> sb.append('\0');
        case '\\', '\'', '"' -> sb.append(e);
        case 'x' -> sb.append((char) hex(2));
        case 'u' -> sb.append((char) hex(4));
        default -> sb.append('\\').append(e);
      }
    }
  }

  private int hex(int digits) throws Syntax {
    if (i + digits > s.length()) {
      throw new Syntax();
    }
    try {
      int v = Integer.parseInt(s.substring(i, i + digits), 16);
      i += digits;
      return v;
    } catch (NumberFormatException e) {
      throw new Syntax();
    }
  }

  private JsonNode number() throws Syntax, Unsupported {
    int start = i;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    if (s.startsWith("inf", i) || s.startsWith("nan", i)) {
      throw new Unsupported("inf and nan have no JSON form");
    }
    int digits = i;
    while (i < s.length()
        && (Character.isDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '_')) {
      i++;
    }
    boolean isFloat = false;
    if (i < s.length() && s.charAt(i) == '.') {
      isFloat = true;
      i++;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      isFloat = true;
      i++;
      if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int exp = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (exp == i) {
        throw new Syntax();
      }
    }
    String t = s.substring(start, i).replace("_", "");
    if (i == digits || t.equals("-") || t.equals("+") || t.equals(".") || t.equals("-.")) {
      throw new Syntax();
    }
    if (!isFloat
        && t.replaceFirst("^[+-]", "").length() > 1
        && t.replaceFirst("^[+-]", "").startsWith("0")) {
      throw new Syntax(); // Python rejects 007 as an int literal
    }
    try {
      return isFloat ? F.numberNode(new BigDecimal(t)) : F.numberNode(new BigInteger(t));
    } catch (NumberFormatException e) {
      throw new Syntax();
    }
  }
}
