package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A loaded raw object deleted from raw/, then uploaded again (src/test/resources/versions: 6 valid records, 2 rejected),
 * with adult.raw.on-delete=remove: its rows and rejects go (and its version out of the totals) once a listing no
 * longer sees it, and it is loaded again when it comes back.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/versions", "adult.raw.on-delete=remove"})
class DeletedObjectRemovedIT extends LocalModeIT {

    private static final String KEY = "raw/versions.data";

    @Test
    void aDeletedObjectLosesItsRowsAndRejectsAtOnceAndIsLoadedAgainWhenItComesBack() throws Exception {
        awaitRefined(1);
        loadUntil(6);
        context.getRouteController().stopRoute("local-seed");
        s3.deleteObject(b -> b.bucket("adult").key(KEY));
        TestDb.awaitTrue(TIMEOUT, "the deletion listed", () -> count("select count(*) from adult_source "
                + "where not listed") == 1);
        assertThat(count("select count(*) from adult")).isZero();
        assertThat(count("select count(*) from adult_rejects")).isZero();
        assertThat(count("select records + loaded + rejected from adult_load_progress")).isZero();
        assertThat(count("select count(*) from adult_version where state = 'removed'")).isOne();
        assertThat(count("select waiting from adult_load_waiting")).isZero();

        s3.putObject(b -> b.bucket("adult").key(KEY), RequestBody.fromBytes(Files.readAllBytes(seedFile("versions.data"))));
        awaitRefined(2);
        loadUntil(6);
        assertThat(count("select count(*) from adult_version")).as("back: its next version").isEqualTo(2);
        assertThat(count("select count(*) from adult_rejects")).isEqualTo(2);
    }
}
