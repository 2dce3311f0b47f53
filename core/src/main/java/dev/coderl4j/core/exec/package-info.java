/**
 * Running programs against unit tests: jobs, limits, the four outcomes (§3.3) and the runner SPI.
 */
package dev.coderl4j.core.exec;
