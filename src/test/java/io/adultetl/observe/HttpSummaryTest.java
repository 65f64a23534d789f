package io.adultetl.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpSummaryTest {

    @Test
    void anAddressIsWrittenAsAUrlTakesIt() {
        assertThat(HttpSummary.url("127.0.0.1", 8080)).isEqualTo("http://127.0.0.1:8080");
        assertThat(HttpSummary.url("::1", 8081)).isEqualTo("http://[::1]:8081");
        assertThat(HttpSummary.url("[::1]", 8081)).isEqualTo("http://[::1]:8081");
        assertThat(HttpSummary.url("localhost", 80)).isEqualTo("http://localhost:80");
    }
}
