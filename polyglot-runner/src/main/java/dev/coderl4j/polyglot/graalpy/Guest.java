package dev.coderl4j.polyglot.graalpy;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/** A context with the harness loaded, its stdout, and the harness's entry points. */
final class Guest {
  final Context ctx;
  final Capture out;
  final Value begin;
  final Value newNamespace;
  final Value compile;
  final Value runCode;
  final Value runStdin;
  final Value runStatement;
  final Value findFunction;
  final Value runCall;
  final Value end;

  /**
   * @param fns what the harness's factory returned, in its order
   */
  Guest(Context ctx, Capture out, Value fns) {
    this.ctx = ctx;
    this.out = out;
    this.begin = fns.getArrayElement(0);
    this.newNamespace = fns.getArrayElement(1);
    this.compile = fns.getArrayElement(2);
    this.runCode = fns.getArrayElement(3);
    this.runStdin = fns.getArrayElement(4);
    this.runStatement = fns.getArrayElement(5);
    this.findFunction = fns.getArrayElement(6);
    this.runCall = fns.getArrayElement(7);
    this.end = fns.getArrayElement(8);
  }
}
