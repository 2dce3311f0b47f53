/** Reward schemes (§3.3, Eq. 4–7): {@code coderl}, {@code binary}, {@code test-fraction}. */
package dev.coderl4j.plugins.coderl.reward;
