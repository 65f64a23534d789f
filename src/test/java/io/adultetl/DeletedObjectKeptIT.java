package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A loaded raw object deleted from raw/, then uploaded again (src/test/resources/versions: 6 valid records, 2 rejected),
 * with adult.raw.on-delete=keep: its rows and rejects stay, and the same content back is not refined again.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=src/test/resources/versions", "adult.raw.on-delete=keep"})
class DeletedObjectKeptIT extends LocalModeIT {

    private static final String KEY = "raw/versions.data";

    @Test
    void aDeletedObjectKeepsItsRowsAndIsNotRefinedAgainWhenItComesBack() throws Exception {
        awaitRefined(1);
        loadUntil(6);
        context.getRouteController().stopRoute("local-seed");
        s3.deleteObject(b -> b.bucket("adult").key(KEY));
        TestDb.awaitTrue(TIMEOUT, "the deletion listed", () -> count("select count(*) from adult_source "
                + "where not listed") == 1);
        assertThat(count("select count(*) from adult")).isEqualTo(6);
        assertThat(count("select count(*) from adult_rejects")).isEqualTo(2);
        assertThat(count("select loaded from adult_load_progress")).isEqualTo(6);
        assertThat(count("select count(*) from adult_version where state = 'loaded'")).isOne();

        s3.putObject(b -> b.bucket("adult").key(KEY), RequestBody.fromBytes(Files.readAllBytes(seedFile("versions.data"))));
        TestDb.awaitTrue(TIMEOUT, "the object listed again", () -> count("select count(*) from adult_source "
                + "where listed") == 1);
        assertThat(count("select count(*) from adult_version")).as("the same content: no new version").isOne();
        assertThat(count("select count(*) from adult_refined")).as("not refined again").isOne();
        assertThat(count("select count(*) from adult")).isEqualTo(6);
    }
}
