package dev.coderl4j.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coderl4j.core.benchmark.DataFormatException;
import dev.coderl4j.core.problem.TestSuite;
import java.util.ArrayList;
import java.util.List;

/**
 * APPS' {@code input_output.json}: {@code {"inputs": [...], "outputs": [...], "fn_name"?}}.
 *
 * <p>Without {@code fn_name} each input is the whole stdin and each output the expected stdout (a
 * list of lines is joined with {@code \n}, as the APPS harness does); with it, each input is the
 * argument list and each output the return value, kept as JSON.
 */
public final class InputOutput {
  private InputOutput() {}

  /** The suite {@code io} describes; {@code where} names the file (and line) in errors. */
  public static TestSuite parse(JsonNode io, String where) {
    if (io == null || !io.isObject()) {
      throw new DataFormatException(
          where + ": input_output must be a JSON object with inputs and outputs");
    }
    JsonNode inputs = io.get("inputs");
    JsonNode outputs = io.get("outputs");
    if (inputs == null || !inputs.isArray() || outputs == null || !outputs.isArray()) {
      throw new DataFormatException(where + ": input_output needs arrays 'inputs' and 'outputs'");
    }
    if (inputs.size() != outputs.size()) {
      throw new DataFormatException(
          where
              + ": input_output has "
              + inputs.size()
              + " inputs but "
              + outputs.size()
              + " outputs");
    }
    JsonNode fn = io.get("fn_name");
    if (fn != null && !fn.isNull()) {
      if (!fn.isTextual() || fn.textValue().isBlank()) {
        throw new DataFormatException(where + ": fn_name must be a non-empty string");
      }
      List<TestSuite.CallCase> cases = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        if (!inputs.get(i).isArray()) {
          throw new DataFormatException(
              where
                  + ": call-based input "
                  + i
                  + " must be the JSON array of arguments, got "
                  + inputs.get(i));
        }
        cases.add(new TestSuite.CallCase(inputs.get(i).toString(), outputs.get(i).toString()));
      }
      return new TestSuite.Call(fn.textValue(), cases);
    }
    List<TestSuite.StdinCase> cases = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      cases.add(
          new TestSuite.StdinCase(
              text(inputs.get(i), where, "input " + i),
              text(outputs.get(i), where, "output " + i)));
    }
    return new TestSuite.Stdin(cases);
  }

  private static String text(JsonNode v, String where, String what) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      for (JsonNode x : v) {
        if (!x.isTextual()) {
          throw new DataFormatException(
              where + ": standard-input " + what + " must be a string or a list of strings");
        }
        parts.add(x.textValue());
      }
      return String.join("\n", parts);
    }
    throw new DataFormatException(
        where + ": standard-input " + what + " must be a string, got " + v);
  }
}
