package dev.coderl4j.cli;

import dev.coderl4j.core.provenance.Provenance;
import java.util.Map;
import picocli.CommandLine;

/** {@code coderl --version}: the versions recorded in every result's provenance. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return Provenance.currentVersions().entrySet().stream()
        .map(Map.Entry::getKey)
        .map(k -> k + " " + Provenance.currentVersions().get(k))
        .toArray(String[]::new);
  }
}
