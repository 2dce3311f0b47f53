/**
 * {@code coderl benchmark}: generating a generated benchmark from a seed ({@code generate}) and
 * writing any benchmark's problems as JSON Lines ({@code export}), both on core's {@code
 * BenchmarkGenerator}, {@code Benchmark} and {@code PromptFormat} SPIs (§4).
 */
package dev.coderl4j.cli.benchmark;
