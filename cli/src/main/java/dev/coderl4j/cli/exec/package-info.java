/**
 * {@code coderl exec}: run jobs from JSON Lines. ({@code coderl bench exec} is polyglot-runner's
 * command contribution.)
 */
package dev.coderl4j.cli.exec;
