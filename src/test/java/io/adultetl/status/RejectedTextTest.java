package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adultetl.status.StatusApi.RejectedText;
import org.junit.jupiter.api.Test;

class RejectedTextTest {

    @Test
    void theSettingIsShowOrHide() {
        assertThat(RejectedText.of("show")).isEqualTo(RejectedText.SHOW);
        assertThat(RejectedText.of(" HIDE ")).isEqualTo(RejectedText.HIDE);
        assertThat(RejectedText.HIDE.setting()).isEqualTo("hide");
        assertThatThrownBy(() -> RejectedText.of("maybe"))
                .hasMessage("adult.status.raw-text (ADULT_STATUS_RAW_TEXT) must be show or hide, not 'maybe'");
        assertThatThrownBy(() -> RejectedText.of("")).hasMessageContaining("must be show or hide, not ''");
    }
}
