package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportScanTest {
  @Test
  void findsImportedModules() {
    String src = "import os, sys as s\nfrom collections import Counter\n  import re  # x\nfrom . import y\n";
    assertEquals(List.of("os", "sys", "re", "collections"), List.copyOf(ImportScan.modules(src)));
  }

  @Test
  void flagsProgramsThatChangeWhatTheyImport() {
    assertTrue(ImportScan.tainted("import math\nmath.pi = 3\n"));
    assertTrue(ImportScan.tainted("import sys\nsys.path.append('x')\n"));
    assertTrue(ImportScan.tainted("from collections import Counter\nCounter.most_common = None\n"));
    assertTrue(ImportScan.tainted("import os\nos.environ['A'] = '1'\n"));
    assertTrue(ImportScan.tainted("import builtins\n"));
    assertTrue(ImportScan.tainted("exec('x = 1')\n"));
  }

  @Test
  void leavesOrdinaryProgramsAlone() {
    assertFalse(ImportScan.tainted("import math, sys\nx = math.sqrt(4)\nif math.pi == 3: pass\n"
        + "input = sys.stdin.readline\nfrom heapq import heappush\nh = []\nheappush(h, 1)\nh.append(2)\n"));
  }
}
