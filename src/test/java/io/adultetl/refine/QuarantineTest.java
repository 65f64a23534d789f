package io.adultetl.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** adult.refine.max-reject-ratio: rejected / (valid + rejected), held only above the threshold. */
class QuarantineTest {

    @Test
    void theRatioIsTheRejectedShareOfTheRecordsAndZeroWithoutRecords() {
        assertThat(Quarantine.ratio(6, 2)).isEqualTo(0.25);
        assertThat(Quarantine.ratio(0, 3)).isEqualTo(1.0);
        assertThat(Quarantine.ratio(0, 0)).isZero();
    }

    @Test
    void aVersionIsHeldOnlyAboveTheThresholdAndSaysWhy() {
        Quarantine quarantine = Quarantine.of("0.2");
        assertThat(quarantine.on()).isTrue();
        assertThat(quarantine.heldBecause(6, 2)).hasValue("rejected 25.0% > max-reject-ratio 0.2");
        assertThat(quarantine.heldBecause(4, 1)).as("exactly at the threshold").isEmpty();
        assertThat(quarantine.heldBecause(5, 1)).isEmpty();
        assertThat(quarantine.heldBecause(0, 0)).as("an empty file").isEmpty();
        assertThat(Quarantine.of("0.3").heldBecause(6, 2)).as("a higher threshold releases it").isEmpty();
        assertThat(Quarantine.of("0").heldBecause(1, 1)).hasValue("rejected 50.0% > max-reject-ratio 0.0");
    }

    @Test
    void oneIsOffAndNothingIsEverHeld() {
        assertThat(Quarantine.of("1.0")).isEqualTo(Quarantine.OFF);
        assertThat(Quarantine.OFF.on()).isFalse();
        assertThat(Quarantine.OFF.heldBecause(0, 1_000)).isEmpty();
    }

    @Test
    void aBadSettingIsRefusedWithOneLineNamingIt() {
        assertThatThrownBy(() -> Quarantine.of("30%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("adult.refine.max-reject-ratio (ADULT_REFINE_MAX_REJECT_RATIO) must be a number from 0 to 1 "
                        + "(1: off), not '30%'");
        assertThatThrownBy(() -> Quarantine.of("1.5")).hasMessageContaining("not 1.5");
        assertThatThrownBy(() -> Quarantine.of("NaN")).hasMessageContaining("not NaN");
        assertThatThrownBy(() -> Quarantine.of("-0.1")).hasMessageContaining("not -0.1");
    }
}
