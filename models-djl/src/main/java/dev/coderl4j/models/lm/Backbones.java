package dev.coderl4j.models.lm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Binder;
import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.multibindings.MapBinder;
import dev.coderl4j.core.lm.Actor;
import dev.coderl4j.core.lm.ActorFolders;
import dev.coderl4j.core.plugin.Plugins;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registered {@link Backbone}s by Hugging Face {@code model_type} (a Guice MapBinder, so a
 * plugin module adds an architecture with one {@link #bind} line and no code here changes).
 */
public final class Backbones implements ActorFolders {
  private final Map<String, Backbone> byModelType;

  @Inject
  Backbones(Map<String, Backbone> byModelType) {
    this.byModelType = new TreeMap<>(byModelType);
  }

  /**
   * Registers {@code backbone} under its {@code model_type}, and its actor plugin under {@link
   * Backbone#actorName()}: the one line a new architecture adds to a module.
   */
  public static void bind(Binder binder, Backbone backbone) {
    mapBinder(binder).addBinding(backbone.modelType()).toInstance(backbone);
    Plugins.mapBinder(binder, Actor.class)
        .addBinding(backbone.actorName())
        .toInstance(new DjlActor.Factory(backbone.actorName()));
  }

  /** Declares the map (empty until backbones are bound), for modules that only consume it. */
  public static MapBinder<String, Backbone> mapBinder(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, Backbone.class);
  }

  /**
   * The backbones {@link LmModule} registers, for code that runs without the CLI's injector (tests,
   * {@link DjlActor#load(ActorParams)}); built afresh on each call.
   */
  public static Backbones builtIn() {
    return Guice.createInjector(new LmModule()).getInstance(Backbones.class);
  }

  /** The actor plugin of a Hugging Face folder: its {@code config.json}'s architecture. */
  @Override
  public String actorType(java.nio.file.Path folder) {
    return parse(dev.coderl4j.models.hf.Checkpoint.open(folder).configJson()).architecture();
  }

  /** The supported {@code model_type}s, sorted. */
  public java.util.Set<String> modelTypes() {
    return java.util.Collections.unmodifiableSet(byModelType.keySet());
  }

  /**
   * Parses {@code config.json} text; an unsupported {@code model_type} lists the supported ones.
   */
  public LmConfig parse(String json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("config.json is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("config.json must be a JSON object");
    }
    String type = root.path("model_type").asText("");
    Backbone b = byModelType.get(type);
    if (b == null) {
      throw new IllegalArgumentException(
          "Unsupported model_type '"
              + type
              + "' in config.json; supported: "
              + String.join(", ", byModelType.keySet()));
    }
    return b.parse(new ConfigJson(root, b.actorName() + " config"));
  }
}
