/**
 * Commands on actors (§3.1, §3.3): {@code coderl generate}, {@code coderl lm forward} and the
 * {@code coderl bench lm} benchmark against PyTorch.
 */
package dev.coderl4j.cli.lm;
