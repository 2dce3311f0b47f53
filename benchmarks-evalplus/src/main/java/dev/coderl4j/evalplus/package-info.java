/**
 * HumanEval+ and MBPP+ scored by EvalPlus' rules (Liu et al. 2023), and LeetCodeDataset (Xia et al.
 * 2025) as a training and test set with reference solutions (CodeRL §4: benchmarks).
 *
 * <p>Expected outputs and reference times come from a trusted CPython run, once per machine, cached
 * under {@code ~/.cache/coderl4j}; the rules and the data issues are in {@code docs/benchmarks.md}.
 */
package dev.coderl4j.evalplus;
