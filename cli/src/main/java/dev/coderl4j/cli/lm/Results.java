package dev.coderl4j.cli.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.coderl4j.core.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a result document (JSON with provenance) and its human-readable table. */
final class Results {
  private Results() {}

  static Map<String, Object> provenance(Provenance p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("command", p.command());
    m.put("config", p.config());
    m.put("seed", p.seed());
    m.put("gitCommit", p.gitCommit());
    m.put("versions", p.versions());
    m.put("createdAt", p.createdAt().toString());
    return m;
  }

  static void writeJson(Path file, Map<String, Object> doc) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
  }

  static void writeText(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, text);
  }
}
