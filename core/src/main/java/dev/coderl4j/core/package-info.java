/** coderl4j's core: domain records, one SPI per extension point, and their wiring. */
package dev.coderl4j.core;
