/**
 * {@code coderl evaluate}: scores a file of generations (the human-eval/EvalPlus samples layout)
 * on APPS, MBPP or HumanEval with pass@k and n@k (§4), resumably, writing per-sample results, a
 * JSON and Markdown summary and a plot.
 */
package dev.coderl4j.cli.evaluate;
