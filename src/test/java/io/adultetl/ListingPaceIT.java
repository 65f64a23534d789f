package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * list-raw's greedy polls never loop: a listing that found raw/ changed but took less than adult.refine.poll-delay,
 * here an hour, is followed by none (ListingPaceTest has the long listing that is followed at once).
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=target/it/ListingPaceIT-seed", "adult.refine.poll-delay=3600000",
                "camel.main.autoStartupExcludePattern=list-raw"})
class ListingPaceIT extends LocalModeIT {

    private static final String RECORD = "39, State-gov, 77516, Bachelors, 13, Never-married, Adm-clerical, "
            + "Not-in-family, White, Male, 2174, 0, 40, United-States, <=50K\n";

    @Test
    void aShortListingThatFoundRawChangedIsNotRepeated() throws Exception {
        for (int i = 0; i < 3; i++) {
            int piece = i;
            s3.putObject(b -> b.bucket("adult").key("raw/piece-" + piece + ".data"), RequestBody.fromString(RECORD));
        }
        context.getRouteController().startRoute("list-raw");

        loadUntil(3);
        assertThat(counter("adult_raw_listings")).as("one listing found the objects; the next comes in an hour")
                .isEqualTo(1);
    }
}
