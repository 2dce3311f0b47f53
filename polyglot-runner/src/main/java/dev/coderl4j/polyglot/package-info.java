/**
 * Program runners for Python: the sandboxed GraalPy backend and the CPython reference backend, with
 * the job semantics they share (stdout comparison, JSON-to-Python values, the APPS import header).
 * See {@code docs/execution.md}.
 */
package dev.coderl4j.polyglot;
