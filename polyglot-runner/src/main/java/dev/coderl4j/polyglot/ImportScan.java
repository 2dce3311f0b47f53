package dev.coderl4j.polyglot;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, without running it, which modules a program imports and whether it touches interpreter
 * state that the GraalPy context check cannot see.
 *
 * <p>Used to import those modules before the program runs (so that they join the verified clean
 * state of a reused context) and to discard a context after programs that use finalizers, frames,
 * signals or the like. A miss is safe: a module imported dynamically makes the context dirty, and
 * the context is discarded.
 */
public final class ImportScan {
  private static final Pattern IMPORT =
      Pattern.compile("^[ \\t]*import[ \\t]+([\\w. \\t,]+)", Pattern.MULTILINE);
  private static final Pattern FROM =
      Pattern.compile("^[ \\t]*from[ \\t]+([\\w.]+)[ \\t]+import\\b", Pattern.MULTILINE);
  private static final Pattern AS = Pattern.compile("[ \\t]+as[ \\t]+\\w+");

  /**
   * Words after which a context is discarded even when it checks clean: they reach state outside
   * module dictionaries (finalizers, frames, the GC, signal handlers), reach modules the program
   * does not name in an import (class hierarchies, function globals, dynamic imports), or hide code
   * from this scan (exec, eval, compile).
   */
  private static final List<String> TAINT =
      List.of(
          "__del__",
          "weakref",
          "atexit",
          "finalize",
          "signal",
          "_getframe",
          "f_back",
          "f_globals",
          "f_locals",
          "tb_frame",
          "gi_frame",
          "cr_frame",
          "__subclasses__",
          "gc.",
          "import gc",
          "threading",
          "_thread",
          "settrace",
          "setprofile",
          "ctypes",
          "__code__",
          "__closure__",
          "builtins",
          "__builtins__",
          "sys.modules",
          "polyglot",
          "__import__",
          "importlib",
          "__globals__",
          "setattr",
          "delattr",
          "__dict__",
          "__mro__",
          "__bases__",
          "__base__",
          "__class__",
          "__defaults__",
          "__kwdefaults__",
          "__setattr__",
          "__self__",
          "__func__");

  /**
   * Built-ins that taint only under their bare name ({@code exec(...)}, {@code e = exec}, not
   * {@code re.compile(...)}), and the Java host module only where it is named as a module ({@code
   * import java}, {@code java.type}), not in a string such as {@code 'python java'}. Before this
   * distinction one MBPP job in fifty lost its context to {@code re.compile}.
   */
  private static final Pattern TAINT_WORDS =
      Pattern.compile(
          "(?<![\\w.])(?:exec|eval|compile|vars|globals)\\b"
              + "|(?<![\\w.])java[ \\t]*\\."
              + "|^[ \\t]*(?:import|from)[ \\t]+java\\b"
              + "|[ \\t,]java[ \\t]*(?:,|$)",
          Pattern.MULTILINE);

  private ImportScan() {}

  /** The module names in the import statements of {@code source}, in order, without repeats. */
  public static Set<String> modules(String source) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = IMPORT.matcher(source);
    while (m.find()) {
      String list = m.group(1);
      int hash = list.indexOf('#');
      if (hash >= 0) {
        list = list.substring(0, hash);
      }
      for (String part : AS.matcher(list).replaceAll("").split(",")) {
        String name = part.strip();
        if (!name.isEmpty() && name.matches("[A-Za-z_][\\w.]*")) {
          out.add(name);
        }
      }
    }
    m = FROM.matcher(source);
    while (m.find()) {
      String name = m.group(1);
      if (!name.startsWith(".")) {
        out.add(name);
      }
    }
    return out;
  }

  private static final String ASSIGN =
      "(?:=(?!=)|\\+=|-=|\\*=|/=|//=|%=|\\*\\*=|>>=|<<=|&=|\\^=|\\|=)";
  private static final String MUTATOR =
      "(?:append|extend|insert|remove|pop|clear|update|add|discard"
          + "|setdefault|sort|reverse|popitem|appendleft|extendleft|rotate"
          + "|__setitem__|__delitem__)";
  private static final Pattern FROM_NAMES =
      Pattern.compile(
          "^[ \\t]*from[ \\t]+[\\w.]+[ \\t]+import[ \\t]+\\(?([\\w \\t,]+)", Pattern.MULTILINE);
  private static final Pattern IMPORT_ALIAS = Pattern.compile("[\\w.]+[ \\t]+as[ \\t]+(\\w+)");

  /** Whether the context that ran {@code source} must be discarded regardless of its check. */
  public static boolean tainted(String source) {
    for (String t : TAINT) {
      if (source.contains(t)) {
        return true;
      }
    }
    return TAINT_WORDS.matcher(source).find() || mutatesImports(source);
  }

  /**
   * Whether the program assigns into, deletes from or calls a mutating method on something it
   * imported ({@code math.pi = 3}, {@code sys.path.append(p)}, {@code Counter.x = 1}): the changes
   * the per-job context check does not look for (it compares only module identity and size, see the
   * harness).
   */
  public static boolean mutatesImports(String source) {
    Set<String> bound = bindings(source);
    if (bound.isEmpty()) {
      return false;
    }
    String names = bound.stream().map(Pattern::quote).reduce((a, b) -> a + "|" + b).orElseThrow();
    String base = "(?<![\\w.])(?:" + names + ")";
    Pattern p =
        Pattern.compile(
            base
                + "(?:[ \\t]*\\.[ \\t]*\\w+)+[ \\t]*"
                + ASSIGN
                + "|\\bdel[ \\t]+(?:"
                + names
                + ")[ \\t]*[.\\[]"
                + "|"
                + base
                + "(?:[ \\t]*\\.[ \\t]*\\w+)*[ \\t]*\\.[ \\t]*"
                + MUTATOR
                + "[ \\t]*\\("
                + "|"
                + base
                + "(?:[ \\t]*\\.[ \\t]*\\w+)*[ \\t]*\\[[^\\]\\n]*\\][ \\t]*"
                + ASSIGN);
    return p.matcher(source).find();
  }

  /** The names that import statements bind: modules, their aliases, and names imported from. */
  static Set<String> bindings(String source) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : modules(source)) {
      out.add(m.split("\\.")[0]);
    }
    Matcher a = IMPORT_ALIAS.matcher(source);
    while (a.find()) {
      out.add(a.group(1));
    }
    Matcher f = FROM_NAMES.matcher(source);
    while (f.find()) {
      for (String part : f.group(1).split(",")) {
        String[] words = part.strip().split("[ \\t]+");
        String name = words[words.length - 1];
        if (name.matches("[A-Za-z_]\\w*")) {
          out.add(name);
        }
      }
    }
    return out;
  }
}
