package dev.coderl4j.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a YAML run config into a {@link RunConfig}, with errors that name the file, line and key.
 *
 * <p>The YAML is first read as a tree while the line of every key is noted; {@code key=value}
 * overrides (YAML values, dotted keys) are applied to the tree; then Jackson binds it to the
 * records, whose compact constructors validate. An error is reported at the line of the deepest key
 * it concerns, e.g. {@code configs/rl.yaml:12:5: stages.rl.batchSize: rl.batchSize must be at least
 * 1}.
 */
public final class ConfigLoader {
  private final ObjectMapper yaml;

  public ConfigLoader() {
    this.yaml =
        new ObjectMapper(new YAMLFactory())
            .registerModule(new Jdk8Module())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  }

  /** The mapper used for configs: YAML, unknown keys fail. */
  public ObjectMapper mapper() {
    return yaml;
  }

  /** Reads {@code file}. */
  public RunConfig load(Path file) {
    return load(file, List.of());
  }

  /**
   * Reads {@code file} and applies {@code overrides}, each {@code dotted.key=yaml-value}, e.g.
   * {@code stages.rl.variant=B}.
   */
  public RunConfig load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException("cannot read config " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString(), overrides);
  }

  /** Reads config text; {@code name} is used in messages. */
  public RunConfig parse(String text, String name, List<String> overrides) {
    Map<String, JsonLocation> lines = new HashMap<>();
    JsonNode tree;
    try (JsonParser p = yaml.getFactory().createParser(text)) {
      noteLocations(p, lines);
    } catch (JsonProcessingException e) {
      throw new ConfigException(where(name, e.getLocation()) + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + name + ": " + e.getMessage(), e);
    }
    try {
      tree = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(where(name, e.getLocation()) + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new ConfigException(name + ": the config is empty; see configs/ for examples");
    }
    if (!tree.isObject()) {
      throw new ConfigException(name + ": the config must be a mapping of keys to values");
    }
    for (String o : overrides) {
      apply((ObjectNode) tree, o);
    }
    try {
      return yaml.treeToValue(tree, RunConfig.class);
    } catch (UnrecognizedPropertyException e) {
      String key = path(e);
      TreeSet<String> known = new TreeSet<>();
      e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
      throw new ConfigException(
          where(name, lines.get(pointer(key)))
              + "unknown key '"
              + key
              + "'; known keys here: "
              + known,
          e);
    } catch (JsonMappingException e) {
      String key = path(e);
      String msg =
          e instanceof ValueInstantiationException && e.getCause() != null
              ? e.getCause().getMessage()
              : e.getOriginalMessage();
      throw new ConfigException(
          where(name, nearest(lines, key)) + (key.isEmpty() ? "" : key + ": ") + msg, e);
    } catch (JsonProcessingException e) {
      throw new ConfigException(name + ": " + e.getOriginalMessage(), e);
    }
  }

  private void apply(ObjectNode root, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException(
          "override '" + override + "' must look like key.path=value, e.g. stages.rl.variant=B");
    }
    String[] keys = override.substring(0, eq).strip().split("\\.");
    JsonNode value;
    try {
      value = yaml.readTree(override.substring(eq + 1));
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "override '" + override + "': the value is not valid YAML: " + e.getOriginalMessage(), e);
    }
    ObjectNode node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode child = node.get(keys[i]);
      if (child == null || !child.isObject()) {
        child = node.putObject(keys[i]);
      }
      node = (ObjectNode) child;
    }
    if (value == null || value.isMissingNode()) {
      node.putNull(keys[keys.length - 1]);
    } else {
      node.set(keys[keys.length - 1], value);
    }
  }

  private static void noteLocations(JsonParser p, Map<String, JsonLocation> lines)
      throws IOException {
    while (p.nextToken() != null) {
      if (p.currentToken() == JsonToken.FIELD_NAME) {
        // The pointer of the value this name introduces.
        String ptr = p.getParsingContext().pathAsPointer().toString();
        lines.putIfAbsent(ptr, p.currentTokenLocation());
      }
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (!sb.isEmpty()) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String pointer(String dotted) {
    if (dotted.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String part : dotted.replace("[", ".").replace("]", "").split("\\.")) {
      sb.append('/').append(part.replace("~", "~0").replace("/", "~1"));
    }
    return JsonPointer.compile(sb.toString()).toString();
  }

  private static JsonLocation nearest(Map<String, JsonLocation> lines, String dotted) {
    String ptr = pointer(dotted);
    while (!ptr.isEmpty()) {
      JsonLocation loc = lines.get(ptr);
      if (loc != null) {
        return loc;
      }
      int cut = ptr.lastIndexOf('/');
      ptr = cut <= 0 ? "" : ptr.substring(0, cut);
    }
    return null;
  }

  private static String where(String name, JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) {
      return name + ": ";
    }
    return name + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
  }
}
