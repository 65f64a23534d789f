package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A loaded raw object deleted from raw/ and uploaded again ({@link DeletedObjectIT}), with
 * adult.raw.on-delete=remove: its rows and rejects go (and its version out of the totals) once a listing no longer
 * sees it, and it is loaded again when it comes back.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/versions", "adult.raw.on-delete=remove"})
class DeletedObjectRemovedIT extends DeletedObjectIT {

    @Test
    void aDeletedObjectLosesItsRowsAndRejectsAtOnceAndIsLoadedAgainWhenItComesBack() throws Exception {
        loadThenDelete();
        assertThat(count("select count(*) from adult")).isZero();
        assertThat(count("select count(*) from adult_rejects")).isZero();
        assertThat(count("select records + loaded + rejected from adult_load_progress")).isZero();
        assertThat(count("select count(*) from adult_version where state = 'removed'")).isOne();
        assertThat(count("select waiting from adult_load_waiting")).isZero();

        uploadAgain();
        awaitRefined(2);
        loadUntil(6);
        assertThat(count("select count(*) from adult_version")).as("back: its next version").isEqualTo(2);
        assertThat(count("select count(*) from adult_rejects")).isEqualTo(2);
    }
}
