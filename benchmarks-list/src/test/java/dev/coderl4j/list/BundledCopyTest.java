package dev.coderl4j.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy bundled in the jar is the generator's output for its manifest's seed: regenerating gives
 * the same bytes (the checksum test), and the whole copy satisfies the generator's invariants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BundledCopyTest {
  private JsonNode manifest;
  private Generation.Result regenerated;

  @BeforeAll
  void regenerate() throws Exception {
    try (InputStream in = ProblemFiles.class.getResourceAsStream("data/manifest.json")) {
      manifest = new ObjectMapper().readTree(in);
    }
    Map<String, Integer> sizes = new TreeMap<>();
    manifest
        .get("counts")
        .fields()
        .forEachRemaining(e -> sizes.put(e.getKey(), e.getValue().intValue()));
    regenerated = new ListProgramsGenerator().build(manifest.get("seed").longValue(), sizes);
  }

  @Test
  void regeneratingGivesTheBundledBytes(@TempDir Path dir) throws Exception {
    Map<String, Integer> sizes = new TreeMap<>();
    manifest
        .get("counts")
        .fields()
        .forEachRemaining(e -> sizes.put(e.getKey(), e.getValue().intValue()));
    var g = new ListProgramsGenerator().generate(manifest.get("seed").longValue(), sizes, dir);
    for (String split : ListPrograms.SPLITS) {
      String file = split + ".jsonl";
      String expected = manifest.get("sha256").get(file).asText();
      assertEquals(expected, g.sha256().get(file), file + " regenerated");
      byte[] bundled;
      try (InputStream in =
          ProblemFiles.maybeGunzip(
              ProblemFiles.class.getResourceAsStream("data/" + file + ".gz"))) {
        bundled = in.readAllBytes();
      }
      assertEquals(expected, ListProgramsGenerator.sha256(bundled), file + ".gz bundled");
      assertEquals(-1L, Files.mismatch(dir.resolve(file), writeTemp(dir, bundled)));
    }
    assertEquals(
        ListProgramsGenerator.VERSION,
        manifest.get("generator_version").intValue(),
        "the generator changed: regenerate the bundled copy (data/SOURCE.md says how)");
  }

  private static Path writeTemp(Path dir, byte[] bytes) throws Exception {
    Path p = Files.createTempFile(dir, "bundled", ".jsonl");
    Files.write(p, bytes);
    return p;
  }

  @Test
  void theBundledCopySatisfiesEveryInvariant() {
    Invariants.check(regenerated);
    assertEquals(5000, regenerated.splits().get(ListPrograms.TRAIN).size());
    assertEquals(1000, regenerated.splits().get(ListPrograms.TEST).size());
  }

  @Test
  void everyStepIsSeenInTrainInAtLeastTwoPhrasings() {
    Map<Step, Set<Integer>> used = new EnumMap<>(Step.class);
    Set<Integer> frames = new HashSet<>();
    for (Generation.Problem p : regenerated.splits().get(ListPrograms.TRAIN)) {
      for (int i = 0; i < p.program().steps().size(); i++) {
        used.computeIfAbsent(p.program().steps().get(i), s -> new HashSet<>())
            .add(p.phrasings().get(i));
      }
      frames.add(p.frame());
    }
    for (Step s : Step.values()) {
      assertTrue(
          used.getOrDefault(s, Set.of()).size() >= 2,
          s.label() + " phrasings used: " + used.get(s));
    }
    assertEquals(Statement.FRAMES, frames.size());
  }

  @Test
  void everySplitHasEveryDifficultyAndMostProgramsAreShort() {
    for (String split : ListPrograms.SPLITS) {
      Map<String, Integer> by = new TreeMap<>();
      for (Generation.Problem p : regenerated.splits().get(split)) {
        by.merge(p.program().difficulty(), 1, Integer::sum);
      }
      assertEquals(Set.of("introductory", "interview", "competition"), by.keySet(), split);
    }
    long shortOnes =
        regenerated.splits().get(ListPrograms.TRAIN).stream()
            .filter(p -> p.program().steps().size() <= 3)
            .count();
    assertTrue(shortOnes > 0.7 * 5000, shortOnes + " of 5000 train programs have 1-3 steps");
  }
}
