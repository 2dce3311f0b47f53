/**
 * MBPP (Austin et al. 2021; full and sanitized) and HumanEval (Chen et al. 2021): validating
 * loaders, the {@code mbpp}, {@code mbpp-sanitized} and {@code humaneval} benchmarks, and the
 * prompt formats for CodeRL's zero-shot MBPP transfer (§4.4), Austin et al.'s few-shot prompt and
 * HumanEval's prompt completion.
 */
package dev.coderl4j.mbpp;
