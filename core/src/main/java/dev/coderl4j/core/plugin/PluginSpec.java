package dev.coderl4j.core.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;

/**
 * A plugin slot in a config: {@code {type: nucleus, params: {temperature: 0.6}}}.
 *
 * @param type the plugin's registered short kebab-case name
 * @param params the plugin's parameters, read into its params record; an empty object means the
 *     defaults (the paper's values)
 */
public record PluginSpec(String type, JsonNode params) {
  public PluginSpec {
    Objects.requireNonNull(type, "type: name the plugin, e.g. {type: coderl}");
    if (type.isBlank()) {
      throw new IllegalArgumentException("type is blank: name the plugin, e.g. {type: coderl}");
    }
    params =
        params == null || params.isNull()
            ? JsonNodeFactory.instance.objectNode()
            : params.deepCopy();
    if (!params.isObject()) {
      throw new IllegalArgumentException(
          "params of '" + type + "' must be a mapping of names to values, got: " + params);
    }
  }

  /** A spec with default parameters. */
  public static PluginSpec of(String type) {
    return new PluginSpec(type, null);
  }

  @Override
  public JsonNode params() {
    return params.deepCopy();
  }
}
