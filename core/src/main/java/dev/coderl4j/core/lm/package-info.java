/** Language models as actors (§3.1, §3.3): engine-free SPIs for decoding, scoring and training. */
package dev.coderl4j.core.lm;
