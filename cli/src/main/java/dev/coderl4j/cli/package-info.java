/** The {@code coderl} command line. */
package dev.coderl4j.cli;
