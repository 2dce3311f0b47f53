package dev.coderl4j.apps;

import dev.coderl4j.core.problem.TestSuite;

/**
 * The import header APPS' evaluation puts before every stdin and call-based program (§4.1: APPS'
 * own evaluation, which CodeRL reuses).
 *
 * <p>APPS' {@code testing_util.py} prepends these imports, so solutions use {@code sqrt}, {@code
 * Counter} or {@code heappush} without importing them. It is a rule of the benchmark, not of the
 * runners: {@link AppsBenchmark#job} puts it into the program, and a runner runs exactly the
 * program it is given. The same text ships as {@code apps_header.py} beside this class, for {@code
 * coderl exec} job files that need it (see {@code docs/execution.md}). numpy ({@code import numpy
 * as np} in APPS) is left out: GraalPy cannot load it, and the reference solutions used here do not
 * need it.
 */
public final class AppsHeader {
  private AppsHeader() {}

  /** The header, one import per line, ending with a newline. */
  public static final String TEXT =
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

  /** Whether APPS runs a program against {@code tests} under the header (stdin and call tests). */
  public static boolean applies(TestSuite tests) {
    return switch (tests) {
      case TestSuite.Asserts a -> false;
      case TestSuite.Stdin s -> true;
      case TestSuite.Call c -> true;
    };
  }

  /** {@code program} as APPS runs it against {@code tests}. */
  public static String apply(String program, TestSuite tests) {
    return applies(tests) ? TEXT + program : program;
  }
}
