package io.adultetl.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceIdTest {

    @Test
    void aConfiguredIdIsKeptTrimmed() {
        assertThat(InstanceId.resolve(" node-a ")).isEqualTo("node-a");
        assertThat(InstanceId.resolve("etl-2.eu-west-1:pod@host_x")).isEqualTo("etl-2.eu-west-1:pod@host_x");
    }

    @Test
    void anIdThatCannotGoIntoSqlOrQuartzIsRefusedAtStartUp() {
        for (String bad : new String[] {"it's", "a b", "x".repeat(64), "semi;colon"}) {
            assertThatThrownBy(() -> InstanceId.resolve(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("adult.instance.id (ADULT_INSTANCE_ID) must be 1 to 63 characters");
        }
    }

    @Test
    void withoutOneTheHostNameIsTheIdAndStaysTheSame() {
        String id = InstanceId.resolve("");
        assertThat(id).matches("[A-Za-z0-9._:@-]{1,63}").isEqualTo(InstanceId.resolve(null));
    }
}
