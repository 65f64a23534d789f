package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adultetl.refine.RefineQueue.OnDelete;
import io.adultetl.status.RejectedText;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void aModeIsOneOfItsConstantsWrittenInAnyCase() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addOverrideProperty("adult.status.raw-text", " HIDE ");
            context.getPropertiesComponent().addOverrideProperty("adult.raw.on-delete", "remove");
            context.getPropertiesComponent().addOverrideProperty("adult.bad.mode", "maybe");
            Settings settings = new Settings(context.getPropertiesComponent());

            assertThat(settings.getMode("adult.status.raw-text", RejectedText.class)).isEqualTo(RejectedText.HIDE);
            assertThat(settings.getMode("adult.raw.on-delete", OnDelete.class)).isEqualTo(OnDelete.REMOVE);
            assertThat(RejectedText.HIDE.setting()).as("as the setting writes it").isEqualTo("hide");
            assertThatThrownBy(() -> settings.getMode("adult.bad.mode", RejectedText.class))
                    .hasMessage("adult.bad.mode (ADULT_BAD_MODE) must be show or hide, not 'maybe'");
            assertThatThrownBy(() -> settings.getMode("adult.bad.mode", OnDelete.class))
                    .hasMessage("adult.bad.mode (ADULT_BAD_MODE) must be keep or remove, not 'maybe'");
        }
    }
}
