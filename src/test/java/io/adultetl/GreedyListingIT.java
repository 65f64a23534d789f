package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A listing that finds raw/ changed is followed at once by the next (objects are still arriving); one that finds raw/
 * as it was waits adult.refine.poll-delay, here an hour, so a third listing would be a loop.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=target/it/GreedyListingIT-seed", "adult.refine.poll-delay=3600000",
                "camel.main.autoStartupExcludePattern=list-raw"})
class GreedyListingIT extends LocalModeIT {

    private static final String RECORD = "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, "
            + "Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K\n";

    @Test
    void aListingThatFindsRawChangedIsFollowedAtOnceAndOneThatFindsItUnchangedWaitsTheDelay() throws Exception {
        for (int i = 0; i < 3; i++) {
            int piece = i;
            s3.putObject(b -> b.bucket("adult").key("raw/piece-" + piece + ".data"),
                    RequestBody.fromString(RECORD));
        }
        context.getRouteController().startRoute("list-raw");

        TestDb.awaitTrue(TIMEOUT, "a second listing, an hour early", () -> counter("adult_raw_listings") >= 2);
        loadUntil(3);
        assertThat(counter("adult_raw_listings")).as("the second listing found raw/ as it was: no third for an hour")
                .isEqualTo(2);
        assertThat(count("select count(*) from adult_version")).as("each object one version").isEqualTo(3);
    }
}
