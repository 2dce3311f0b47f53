package dev.coderl4j.polyglot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportScanTest {
  @Test
  void findsImportedModules() {
    String src =
        "import os, sys as s\nfrom collections import Counter\n  import re  # x\nfrom . import y\n";
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
    assertTrue(ImportScan.tainted("run = exec\nrun('x = 1')\n"));
    assertTrue(ImportScan.tainted("c = compile('1', 'f', 'eval')\n"));
    assertTrue(ImportScan.tainted("import java\n"));
    assertTrue(ImportScan.tainted("from java import lang\n"));
    assertTrue(ImportScan.tainted("import os, java\n"));
    assertTrue(ImportScan.tainted("t = java.type('java.lang.System')\n"));
  }

  @Test
  void methodsAndStringsThatShareATaintWordAreNotTaint() {
    // re.compile is not compile(); 'python java' is not the java module (both common in MBPP).
    assertFalse(ImportScan.tainted("import re\np = re.compile(r'\\d+')\nprint(p.findall('a1'))\n"));
    assertFalse(
        ImportScan.tainted(
            "def f(s):\n  return s.split()\nassert f('python java') == ['python', 'java']\n"));
    assertFalse(ImportScan.tainted("x = {'java': 1, 'evaluate': 2}\n"));
  }

  @Test
  void leavesOrdinaryProgramsAlone() {
    assertFalse(
        ImportScan.tainted(
            "import math, sys\n"
                + "x = math.sqrt(4)\n"
                + "if math.pi == 3: pass\n"
                + "input = sys.stdin.readline\n"
                + "from heapq import heappush\n"
                + "h = []\n"
                + "heappush(h, 1)\n"
                + "h.append(2)\n"));
  }
}
