package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A loaded raw object deleted from raw/ and uploaded again ({@link DeletedObjectIT}), with
 * adult.raw.on-delete=keep: its rows and rejects stay, and the same content back is not refined again.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/versions", "adult.raw.on-delete=keep"})
class DeletedObjectKeptIT extends DeletedObjectIT {

    @Test
    void aDeletedObjectKeepsItsRowsAndIsNotRefinedAgainWhenItComesBack() throws Exception {
        loadThenDelete();
        assertThat(count("select count(*) from adult")).isEqualTo(6);
        assertThat(count("select count(*) from adult_rejects")).isEqualTo(2);
        assertThat(count("select loaded from adult_load_progress")).isEqualTo(6);
        assertThat(count("select count(*) from adult_version where state = 'loaded'")).isOne();

        uploadAgain();
        TestDb.awaitTrue(TIMEOUT, "the object listed again", () -> count("select count(*) from adult_source "
                + "where listed") == 1);
        assertThat(count("select count(*) from adult_version")).as("the same content: no new version").isOne();
        assertThat(count("select count(*) from adult_refined")).as("not refined again").isOne();
        assertThat(count("select count(*) from adult")).isEqualTo(6);
    }
}
