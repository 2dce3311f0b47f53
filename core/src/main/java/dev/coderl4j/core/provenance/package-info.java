/** Provenance of results: config, seed, git commit and versions. */
package dev.coderl4j.core.provenance;
