/**
 * {@code coderl quickstart}: the whole of CodeRL on the embedded small CodeT5, on CPU, in minutes.
 */
package dev.coderl4j.cli.quickstart;
