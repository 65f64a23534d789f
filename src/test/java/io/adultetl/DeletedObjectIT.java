package io.adultetl;

import java.nio.file.Files;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Base of the deletion tests: src/test/resources/versions (6 valid records, 2 rejected) loaded, then deleted from
 * raw/ and uploaded again, each test under its own adult.raw.on-delete.
 */
abstract class DeletedObjectIT extends LocalModeIT {

    static final String KEY = "raw/versions.data";

    /** Loads the object, deletes it from raw/ and waits until a listing no longer sees it. */
    void loadThenDelete() throws Exception {
        awaitRefined(1);
        loadUntil(6);
        // the seed route would upload it again
        context.getRouteController().stopRoute("local-seed");
        s3.deleteObject(b -> b.bucket("adult").key(KEY));
        TestDb.awaitTrue(TIMEOUT, "the deletion listed", () -> count("select count(*) from adult_source "
                + "where not listed") == 1);
    }

    /** Puts the same content under the key again. */
    void uploadAgain() throws Exception {
        s3.putObject(b -> b.bucket("adult").key(KEY), RequestBody.fromBytes(Files.readAllBytes(seedFile("versions.data"))));
    }
}
