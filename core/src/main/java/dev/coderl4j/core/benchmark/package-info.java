/**
 * Benchmarks (APPS, MBPP, HumanEval) as named plugins that load {@link
 * dev.coderl4j.core.problem.Problem}s, the prompt formats that turn a problem into model input and
 * a completion back into a program, and APPS' output comparison modes (§4).
 */
package dev.coderl4j.core.benchmark;
