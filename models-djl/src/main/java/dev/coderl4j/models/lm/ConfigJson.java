package dev.coderl4j.models.lm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed reads from a Hugging Face {@code config.json} with messages that name the key and file;
 * what a {@link Backbone} parses its config with.
 */
public final class ConfigJson {
  private final JsonNode root;
  private final String what;

  /**
   * @param root the parsed {@code config.json}
   * @param what the architecture, for messages (e.g. {@code "Qwen2 config"})
   */
  public ConfigJson(JsonNode root, String what) {
    this.root = root;
    this.what = what;
  }

  public boolean has(String key) {
    JsonNode n = root.get(key);
    return n != null && !n.isNull();
  }

  public int requireInt(String key) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull() || !n.canConvertToInt()) {
      throw new IllegalArgumentException(
          what + ": config.json needs an integer '" + key + "' (found " + n + ")");
    }
    return n.intValue();
  }

  public int optInt(String key, int fallback) {
    return has(key) ? requireInt(key) : fallback;
  }

  public double optDouble(String key, double fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode n = root.get(key);
    if (!n.isNumber()) {
      throw new IllegalArgumentException(what + ": '" + key + "' must be a number, found " + n);
    }
    return n.doubleValue();
  }

  public boolean optBool(String key, boolean fallback) {
    if (!has(key)) {
      return fallback;
    }
    JsonNode n = root.get(key);
    if (!n.isBoolean()) {
      throw new IllegalArgumentException(
          what + ": '" + key + "' must be true or false, found " + n);
    }
    return n.booleanValue();
  }

  public String optString(String key, String fallback) {
    return has(key) ? root.get(key).asText() : fallback;
  }

  /** An id that may be a list in newer configs (e.g. several eos ids): the first one, or -1. */
  public int optTokenId(String key) {
    if (!has(key)) {
      return -1;
    }
    JsonNode n = root.get(key);
    if (n.isArray()) {
      return n.isEmpty() ? -1 : n.get(0).intValue();
    }
    return requireInt(key);
  }

  /** Like {@link #optTokenId} but the id must be there. */
  public int requireTokenId(String key) {
    int id = optTokenId(key);
    if (id < 0) {
      throw new IllegalArgumentException(
          what
              + ": config.json needs '"
              + key
              + "' (decoding stops on it); add it from the"
              + " tokenizer's special tokens");
    }
    return id;
  }

  public JsonNode node(String key) {
    return root.get(key);
  }
}
