/**
 * The return estimators (§3.3, Eq. 8–10; Table 2): Table 2's variants A–D, a group-mean baseline
 * and the "L_ce (+W^s)" row of Table 3.
 */
package dev.coderl4j.plugins.returns;
