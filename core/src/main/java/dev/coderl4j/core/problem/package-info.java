/** Benchmark problems and their unit tests, independent of any benchmark's file format. */
package dev.coderl4j.core.problem;
