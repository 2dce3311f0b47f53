package dev.coderl4j.core.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * What every {@link BenchmarkGenerator} plugin guarantees; a plugin's test implements this
 * interface and supplies the generator and sizes small enough to generate quickly.
 */
public interface BenchmarkGeneratorContract {

  /** The generator under test. */
  BenchmarkGenerator generator();

  /** The benchmark name its manifest carries. */
  String benchmarkName();

  /** Sizes (every split named) that generate in well under a second. */
  Map<String, Integer> smallSizes();

  @Property(tries = 3)
  default void theSameSeedGivesTheSameBytes(@ForAll @LongRange(min = 0, max = 1_000_000) long seed)
      throws IOException {
    Path a = Files.createTempDirectory("gen-a");
    Path b = Files.createTempDirectory("gen-b");
    try {
      BenchmarkGenerator.Generated ga = generator().generate(seed, smallSizes(), a);
      BenchmarkGenerator.Generated gb = generator().generate(seed, smallSizes(), b);
      assertEquals(ga, gb);
      for (String f : ga.files()) {
        assertTrue(Files.isRegularFile(a.resolve(f)), f + " was not written");
        assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), f + " differs");
      }
    } finally {
      delete(a);
      delete(b);
    }
  }

  @Example
  default void differentSeedsGiveDifferentBenchmarks() throws IOException {
    Path a = Files.createTempDirectory("gen-a");
    Path b = Files.createTempDirectory("gen-b");
    try {
      assertNotEquals(
          generator().generate(1, smallSizes(), a).sha256(),
          generator().generate(2, smallSizes(), b).sha256());
    } finally {
      delete(a);
      delete(b);
    }
  }

  @Example
  default void writesTheSizesAskedAndAManifestNamingTheBenchmark() throws IOException {
    Path dir = Files.createTempDirectory("gen");
    try {
      BenchmarkGenerator.Generated g = generator().generate(7, smallSizes(), dir);
      assertEquals(smallSizes(), g.counts());
      assertEquals(benchmarkName(), g.benchmark());
      assertTrue(
          Files.readString(dir.resolve(BenchmarkGenerator.MANIFEST))
              .contains("\"" + benchmarkName() + "\""));
      assertTrue(generator().defaultSizes().keySet().containsAll(g.counts().keySet()));
      // Regenerating into its own folder is allowed.
      assertEquals(g, generator().generate(7, smallSizes(), dir));
    } finally {
      delete(dir);
    }
  }

  @Example
  default void refusesAFolderHoldingAnotherBenchmarkOrForeignFiles() throws IOException {
    Path other = Files.createTempDirectory("gen-other");
    Path foreign = Files.createTempDirectory("gen-foreign");
    try {
      Files.writeString(other.resolve(BenchmarkGenerator.MANIFEST), "{\"benchmark\": \"not-it\"}");
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> generator().generate(1, smallSizes(), other));
      assertTrue(e.getMessage().contains("not-it"), e.getMessage());
      Files.writeString(foreign.resolve("notes.txt"), "mine");
      assertThrows(
          IllegalArgumentException.class, () -> generator().generate(1, smallSizes(), foreign));
      assertEquals("mine", Files.readString(foreign.resolve("notes.txt")));
    } finally {
      delete(other);
      delete(foreign);
    }
  }

  @Example
  default void unknownSplitsAndNonPositiveSizesAreRefused() throws IOException {
    Path dir = Files.createTempDirectory("gen");
    try {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> generator().generate(1, Map.of("no-such-split", 3), dir));
      assertTrue(e.getMessage().contains("known"), e.getMessage());
      String split = smallSizes().keySet().iterator().next();
      assertThrows(
          IllegalArgumentException.class, () -> generator().generate(1, Map.of(split, 0), dir));
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
