package dev.coderl4j.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OutputComparisonProperties {
  private final OutputComparison strict = new OutputComparison.Strict();
  private final OutputComparison apps = new OutputComparison.AppsCompatible();

  @Provide
  Arbitrary<String> outputs() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.integers().between(-50, 50).map(String::valueOf),
            Arbitraries.of("1.0", "0.5", "1.0004", "YES", "NO", "a", "b", "1e3", "inf", "nan"));
    Arbitrary<String> line =
        token
            .list()
            .ofMaxSize(4)
            .flatMap(ts -> Arbitraries.of(" ", "  ", "\t").map(sep -> String.join(sep, ts)));
    return line.list()
        .ofMaxSize(4)
        .flatMap(
            ls ->
                Arbitraries.of("\n", "\r\n")
                    .flatMap(
                        nl ->
                            Arbitraries.of("", "\n", " \n").map(end -> String.join(nl, ls) + end)));
  }

  @Property
  void everyModeIsReflexive(@ForAll("outputs") String s) {
    assertTrue(strict.matches(s, s));
    assertTrue(apps.matches(s, s));
  }

  @Property
  void appsCompatibleAcceptsEverythingStrictAccepts(
      @ForAll("outputs") String a, @ForAll("outputs") String b) {
    if (strict.matches(a, b)) {
      assertTrue(apps.matches(a, b));
    }
  }

  /** The harness' first three checks (custom_compare_ and the filtered line lists) are subsumed. */
  @Property
  void theHarnessLineChecksAreSubsumed(@ForAll("outputs") String a, @ForAll("outputs") String b) {
    List<String> out = List.of(a.split("\n", -1));
    boolean joined = PythonText.strip(String.join("\n", out)).equals(PythonText.strip(b));
    List<String> stripped = new ArrayList<>();
    out.forEach(l -> stripped.add(PythonText.strip(l)));
    boolean joinedStripped =
        PythonText.strip(String.join("\n", stripped)).equals(PythonText.strip(b));
    if (joined || joinedStripped) {
      assertTrue(apps.matches(a, b));
    }
  }

  @Property
  void permutingTokensOfALineIsNeverAccepted(@ForAll("outputs") String s) {
    List<List<String>> lines = PythonText.tokenLines(s);
    for (int i = 0; i < lines.size(); i++) {
      List<String> line = lines.get(i);
      if (line.size() >= 2
          && !line.get(0).equals(line.get(1))
          && !closeAsFloats(line.get(0), line.get(1))) {
        List<String> swapped = new ArrayList<>(line);
        swapped.set(0, line.get(1));
        swapped.set(1, line.get(0));
        String expected = String.join(" ", line);
        String actual = String.join(" ", swapped);
        assertEquals(false, apps.matches(actual, expected), actual + " vs " + expected);
      }
    }
  }

  private static boolean closeAsFloats(String x, String y) {
    Double a = PythonText.pythonFloat(x);
    Double b = PythonText.pythonFloat(y);
    return a != null && b != null && PythonText.round3(a) == PythonText.round3(b);
  }
}
