/**
 * The {@code spark} program runner: another runner's {@code runAll} spread over a Spark cluster
 * (docs/scale-out.md). Execution (§3.3, Eq. 4–7) is the step of CodeRL that grows with the number
 * of samples, so it is the one that is sharded.
 */
package dev.coderl4j.spark;
