package dev.coderl4j.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What every generated benchmark satisfies, checked on a whole generation. */
final class Invariants {
  private Invariants() {}

  static void check(Generation.Result r) {
    Fingerprint fp = new Fingerprint();
    Map<String, String> owner = new HashMap<>();
    owner.put(fp.identity(), "the identity");
    for (var e : r.splits().entrySet()) {
      for (Generation.Problem p : e.getValue()) {
        assertEquals(e.getKey(), p.split());
        notDegenerate(p);
        String f = fp.of(p.program());
        String before = owner.put(f, p.id());
        if (before != null) {
          fail(p.id() + " (" + p.program() + ") duplicates " + before);
        }
        notRedundant(fp, p.program(), f, p.id());
      }
    }
    compositional(r);
  }

  /** Tests as the issue asks, and no test on which it raises or gives one output for all. */
  static void notDegenerate(Generation.Problem p) {
    int examples = p.exampleTests().size();
    assertTrue(examples >= 2 && examples <= 3, p.id() + " has " + examples + " examples");
    assertTrue(
        p.hiddenTests().size() >= 10, p.id() + " has " + p.hiddenTests().size() + " hidden tests");
    assertEquals(examples + p.hiddenTests().size(), p.inputs().size());
    assertEquals(p.inputs().size(), new HashSet<>(p.inputs()).size(), p.id() + " repeats an input");
    for (int i = 0; i < p.inputs().size(); i++) {
      Object out;
      try {
        out = p.program().run(p.inputs().get(i));
      } catch (Step.Raises | Program.OutOfRange e) {
        throw new AssertionError(p.id() + " " + e.getMessage() + " on test " + i, e);
      }
      assertEquals(p.outputs().get(i), out);
      String test = i < examples ? p.exampleTests().get(i) : p.hiddenTests().get(i - examples);
      assertEquals(p.program().assertion(p.inputs().get(i), out), test);
    }
    assertTrue(new HashSet<>(p.outputs()).size() > 1, p.id() + " is constant on its tests");
    for (String ex : p.exampleTests()) {
      assertTrue(p.statement().contains(ex), p.id() + ": example not in the statement");
    }
    assertEquals(
        p.program().difficulty(),
        switch (p.program().steps().size()) {
          case 1, 2 -> "introductory";
          case 3 -> "interview";
          default -> "competition";
        });
  }

  private static void notRedundant(Fingerprint fp, Program p, String f, String id) {
    List<Step> s = p.steps();
    for (int from = 0; from < s.size(); from++) {
      for (int to = from + 1; to <= s.size(); to++) {
        if (to - from < s.size()) {
          List<Step> rest = new ArrayList<>(s.subList(0, from));
          rest.addAll(s.subList(to, s.size()));
          assertNotEquals(f, fp.of(new Program(rest)), id + " " + p + " has redundant steps");
        }
      }
    }
  }

  /** Train and test share no program; test-compositional's every pair is absent from train. */
  static void compositional(Generation.Result r) {
    List<Generation.Problem> train = r.splits().get(ListPrograms.TRAIN);
    List<Generation.Problem> test = r.splits().get(ListPrograms.TEST);
    List<Generation.Problem> comp = r.splits().get(ListPrograms.COMPOSITIONAL);
    Set<List<String>> trainPrograms = new HashSet<>();
    Set<String> trainPairs = new HashSet<>();
    Set<Step.Fn> trainFns = new HashSet<>();
    for (Generation.Problem p : train) {
      trainPrograms.add(p.program().labels());
      trainPairs.addAll(p.program().functionPairs());
      p.program().steps().forEach(s -> trainFns.add(s.fn()));
    }
    for (Generation.Problem p : test) {
      assertFalse(trainPrograms.contains(p.program().labels()), p.id() + " is also in train");
      for (String pair : p.program().functionPairs()) {
        assertFalse(r.heldOutPairs().contains(pair), p.id() + " holds held-out pair " + pair);
      }
    }
    for (Generation.Problem p : comp) {
      assertFalse(trainPrograms.contains(p.program().labels()), p.id() + " is also in train");
      assertTrue(p.program().steps().size() >= 2, p.id());
      for (String pair : p.program().functionPairs()) {
        assertFalse(trainPairs.contains(pair), p.id() + ": pair " + pair + " occurs in train");
        assertTrue(r.heldOutPairs().contains(pair), p.id() + ": " + pair);
      }
      for (Step s : p.program().steps()) {
        assertTrue(trainFns.contains(s.fn()), p.id() + ": " + s.fn() + " never occurs in train");
      }
    }
  }
}
