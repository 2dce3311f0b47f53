/** Progress reporting for long work (done/total, rate, ETA). */
package dev.coderl4j.core.progress;
