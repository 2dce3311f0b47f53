/**
 * The {@code cpython} reference backend: the same jobs in CPython subprocesses, per job or forked
 * from a persistent server. Not a sandbox; see {@code docs/execution.md}.
 */
package dev.coderl4j.polyglot.cpython;
