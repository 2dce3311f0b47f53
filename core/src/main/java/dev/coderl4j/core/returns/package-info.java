/**
 * Return estimators (§3.3, Eq. 8–10; §4.3, Table 2): how a sampled program's reward becomes the
 * per-token weights of {@code L_rl}.
 */
package dev.coderl4j.core.returns;
