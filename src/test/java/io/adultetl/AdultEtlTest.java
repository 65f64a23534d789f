package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

/** The one line of a failed start: a setting's own message without the exceptions behind it, else the causes. */
class AdultEtlTest {

    @Test
    void aSettingsMessageComesAloneWhateverWrapsIt() {
        Exception setting = new IllegalStateException("adult.batch.size (ADULT_BATCH_SIZE) must be a whole number of "
                + "records, not 'abc'", new NumberFormatException("For input string: \"abc\""));
        assertThat(AdultEtl.reason(new RuntimeCamelException(setting)))
                .isEqualTo("adult.batch.size (ADULT_BATCH_SIZE) must be a whole number of records, not 'abc'");
    }

    @Test
    void anyOtherFailureShowsItsCauses() {
        Exception failure = new RuntimeCamelException("Cannot start", new ConnectException("Connection refused"));
        assertThat(AdultEtl.reason(failure)).isEqualTo("Cannot start <- Connection refused");
    }
}
