package dev.coderl4j.polyglot;

/**
 * The import header APPS' evaluation puts before every stdin and call-based program.
 *
 * <p>APPS' {@code testing_util.py} prepends these imports, so solutions use {@code sqrt},
 * {@code Counter} or {@code heappush} without importing them. numpy ({@code import numpy as np}
 * in APPS) is left out: GraalPy cannot load it, and the reference solutions used here do not need
 * it.
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
}
