/**
 * Commands on actors (§3.3): {@code coderl generate}. ({@code coderl lm forward} and {@code coderl
 * bench lm} are models-djl's command contributions.)
 */
package dev.coderl4j.cli.lm;
