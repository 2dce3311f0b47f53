/** {@code coderl exec} (run jobs from JSON Lines) and {@code coderl bench exec}. */
package dev.coderl4j.cli.exec;
