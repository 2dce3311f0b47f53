/**
 * The command this module adds to the CLI through a {@link
 * dev.coderl4j.core.plugin.CommandContribution}: {@code coderl bench exec}, the program runners
 * against CPython with EvalPlus' execution structure.
 */
package dev.coderl4j.polyglot.cli;
