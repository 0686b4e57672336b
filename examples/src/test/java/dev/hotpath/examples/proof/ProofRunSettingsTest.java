package dev.hotpath.examples.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proof's {@code proof.modes} setting: a subset of the builds, always in their run order. */
class ProofRunSettingsTest {

  @AfterEach
  void clear() {
    System.clearProperty("proof.modes");
  }

  @Test
  void runsEveryModeByDefault() {
    assertThat(ProofRun.Settings.fromSystemProperties().modes())
        .containsExactly(ProofMode.NAIVE, ProofMode.HOTPATH, ProofMode.HOTPATH_NO_CACHE);
  }

  @Test
  void aSubsetRunsInModeOrderWithoutRepeats() {
    System.setProperty("proof.modes", "hotpath-no-cache, naive,hotpath-no-cache");

    assertThat(ProofRun.Settings.fromSystemProperties().modes())
        .containsExactly(ProofMode.NAIVE, ProofMode.HOTPATH_NO_CACHE);
  }

  @Test
  void anUnknownOrEmptySetIsRefusedByName() {
    System.setProperty("proof.modes", "fast");
    assertThatThrownBy(ProofRun.Settings::fromSystemProperties)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was fast");

    System.setProperty("proof.modes", " ");
    assertThatThrownBy(ProofRun.Settings::fromSystemProperties)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
  }
}
