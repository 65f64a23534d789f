package io.adultetl.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusHeadersTest {

    private final StatusHeaders headers = new StatusHeaders();

    @Test
    void aResponseCarriesOnlyTheHeadersTheRoutesSet() {
        assertThat(headers.applyFilterToCamelHeaders("Cache-Control", "no-store", null)).isFalse();
        assertThat(headers.applyFilterToCamelHeaders("content-security-policy", "default-src 'none'", null)).isFalse();
        assertThat(headers.applyFilterToCamelHeaders("X-Content-Type-Options", "nosniff", null)).isFalse();
        // query parameters and request headers become message headers: none of them goes back
        assertThat(headers.applyFilterToCamelHeaders("Set-Cookie", "a=b", null)).isTrue();
        assertThat(headers.applyFilterToCamelHeaders("page", "2", null)).isTrue();
        assertThat(headers.applyFilterToCamelHeaders("Access-Control-Allow-Origin", "*", null)).isTrue();
    }

    @Test
    void requestsComeInAsUsual() {
        assertThat(headers.applyFilterToExternalHeaders("page", "2", null)).isFalse();
        assertThat(headers.applyFilterToExternalHeaders("CamelHttpResponseCode", "200", null)).isTrue();
    }
}
