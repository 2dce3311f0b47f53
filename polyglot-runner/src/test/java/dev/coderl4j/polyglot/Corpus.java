package dev.coderl4j.polyglot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderl4j.core.exec.ExecutionJob;
import dev.coderl4j.core.problem.TestSuite;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The evidence corpora as jobs: MBPP, HumanEval and APPS reference solutions (test resources). */
public final class Corpus {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The five APPS training problems shipped in test resources. */
  public static final List<String> APPS_IDS = List.of("0001", "0111", "2287", "2404", "4184");

  private Corpus() {}

  private static InputStream resource(String path) {
    InputStream in = Corpus.class.getResourceAsStream("/data/" + path);
    if (in == null) {
      throw new IllegalStateException("missing test resource data/" + path);
    }
    return in;
  }

  private static List<JsonNode> lines(InputStream in) {
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(MAPPER.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Every MBPP reference solution with its setup code and its three asserts. */
  public static List<ExecutionJob> mbpp() {
    List<ExecutionJob> jobs = new ArrayList<>();
    for (JsonNode n : lines(resource("mbpp/mbpp.jsonl"))) {
      List<String> asserts = new ArrayList<>();
      n.get("test_list").forEach(t -> asserts.add(t.asText()));
      jobs.add(
          new ExecutionJob(
              "mbpp/" + n.get("task_id").asInt(),
              n.get("code").asText(),
              new TestSuite.Asserts(n.path("test_setup_code").asText(""), asserts)));
    }
    return jobs;
  }

  /** Every HumanEval canonical solution, checked by {@code check(entry_point)}. */
  public static List<ExecutionJob> humanEval() {
    List<ExecutionJob> jobs = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(resource("humaneval/HumanEval.jsonl.gz"))) {
      for (JsonNode n : lines(in)) {
        String program =
            n.get("prompt").asText()
                + n.get("canonical_solution").asText()
                + "\n\n"
                + n.get("test").asText()
                + "\n";
        jobs.add(
            new ExecutionJob(
                n.get("task_id").asText(),
                program,
                new TestSuite.Asserts(
                    "", List.of("check(" + n.get("entry_point").asText() + ")"))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jobs;
  }

  /**
   * APPS' import header, as {@code dev.coderl4j.apps.AppsHeader} in benchmarks-apps puts it before
   * stdin and call programs (the runners add nothing; this module's tests cannot depend on
   * benchmarks-apps, which depends on it).
   */
  public static final String APPS_HEADER =
      """
      import sys
      import time
      import itertools
      from itertools import accumulate, product, permutations, combinations
      import collections
      from collections import Counter, OrderedDict, deque, defaultdict, ChainMap
      from functools import lru_cache
      import math
      from math import sqrt, sin, cos, tan, ceil, fabs, floor, gcd, exp, log, log2
      import fractions
      from typing import List, Tuple
      import random
      import heapq
      from heapq import *
      """;

  /**
   * Every reference solution of the shipped APPS training problems, stdin or call-based, under
   * APPS' header.
   */
  public static List<ExecutionJob> apps() {
    List<ExecutionJob> jobs = new ArrayList<>();
    try {
      for (String id : APPS_IDS) {
        JsonNode io = MAPPER.readTree(resource("apps/train/" + id + "/input_output.json"));
        JsonNode sols = MAPPER.readTree(resource("apps/train/" + id + "/solutions.json"));
        TestSuite suite;
        if (io.has("fn_name")) {
          List<TestSuite.CallCase> cases = new ArrayList<>();
          for (int i = 0; i < io.get("inputs").size(); i++) {
            cases.add(
                new TestSuite.CallCase(
                    io.get("inputs").get(i).toString(), io.get("outputs").get(i).toString()));
          }
          suite = new TestSuite.Call(io.get("fn_name").asText(), cases);
        } else {
          List<TestSuite.StdinCase> cases = new ArrayList<>();
          for (int i = 0; i < io.get("inputs").size(); i++) {
            cases.add(
                new TestSuite.StdinCase(
                    io.get("inputs").get(i).asText(), io.get("outputs").get(i).asText()));
          }
          suite = new TestSuite.Stdin(cases);
        }
        for (int s = 0; s < sols.size(); s++) {
          jobs.add(
              new ExecutionJob("apps/" + id + "/" + s, APPS_HEADER + sols.get(s).asText(), suite));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jobs;
  }

  /** Mutants of the given jobs, kind chosen by position (deterministic), where applicable. */
  public static List<ExecutionJob> mutants(List<ExecutionJob> jobs, boolean withLoops) {
    List<ExecutionJob> out = new ArrayList<>();
    Mutants.Kind[] kinds = Mutants.Kind.values();
    for (int i = 0; i < jobs.size(); i++) {
      ExecutionJob j = jobs.get(i);
      Mutants.Kind k = kinds[i % kinds.length];
      if (k == Mutants.Kind.LOOP && !withLoops) {
        continue;
      }
      int n = i;
      Mutants.mutate(j.program(), k)
          .ifPresent(
              p ->
                  out.add(
                      new ExecutionJob(j.id() + "~" + k.name().toLowerCase() + n, p, j.tests())));
    }
    return out;
  }

  /** Every {@code step}-th element, starting at {@code offset}. */
  public static <T> List<T> sample(List<T> all, int step, int offset) {
    List<T> out = new ArrayList<>();
    for (int i = offset; i < all.size(); i += step) {
      out.add(all.get(i));
    }
    return out;
  }
}
