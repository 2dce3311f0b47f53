/**
 * {@code coderl evaluate}: scores a file of generations (the human-eval/EvalPlus samples layout) on
 * APPS, MBPP or HumanEval with pass@k and n@k (§4) through the run layer's {@link
 * dev.coderl4j.core.run.Evaluation}.
 */
package dev.coderl4j.cli.evaluate;
