/**
 * Rewards from unit-test outcomes (§3.3, Eq. 4–7): the {@link
 * dev.coderl4j.core.reward.RewardScheme} SPI. Implementations ({@code coderl}, {@code binary},
 * {@code test-fraction}) are named plugins.
 */
package dev.coderl4j.core.reward;
