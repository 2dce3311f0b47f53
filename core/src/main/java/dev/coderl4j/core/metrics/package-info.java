/**
 * Functional-correctness metrics of §4: pass@k with the unbiased estimator of Chen et al. (2021),
 * n@k with example-test filtering (Li et al., 2022), by difficulty, with bootstrap confidence
 * intervals over problems.
 */
package dev.coderl4j.core.metrics;
