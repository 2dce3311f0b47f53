/**
 * The {@code graalpy} backend: sandboxed GraalPy contexts in supervised worker JVMs, reused while
 * they check clean. See {@code docs/execution.md}, "The worker design".
 */
package dev.coderl4j.polyglot.graalpy;
