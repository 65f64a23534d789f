package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A bucket of 1,000 small objects (adult.data cut in pieces): all loaded, each read once; an idle listing reads no
 * object; a new object is loaded at the next listing, whatever the number of objects that sort before it.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES, replaceRouteFromWith = LocalModeIT.LOAD_BY_HAND,
        properties = {"adult.local.seed-dir=target/it/ManyObjectsIT-seed", "camel.main.autoStartupExcludePattern=list-raw"})
class ManyObjectsIT extends LocalModeIT {

    private static final int OBJECTS = 1_000;
    private static final int RECORDS = 32_561;
    private static final Duration WAIT = Duration.ofSeconds(300);

    @Test
    void aThousandObjectsLoadOnceAndAnIdleListingReadsNothing() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("data", "adult.data")).subList(0, RECORDS);
        for (int piece = 0; piece < OBJECTS; piece++) {
            List<String> part = lines.subList(piece * RECORDS / OBJECTS, (piece + 1) * RECORDS / OBJECTS);
            String key = String.format("raw/pieces/adult-%04d.data", piece);
            s3.putObject(b -> b.bucket("adult").key(key), RequestBody.fromString(String.join("\n", part) + "\n"));
        }
        NotifyBuilder oneSummary = summaries().whenExactlyDone(1).create();
        NotifyBuilder twoSummaries = summaries().whenExactlyDone(2).create();
        context.getRouteController().startRoute("list-raw");

        loadUntil(RECORDS);
        assertThat(TestDb.count(dataSource, "select count(*) from adult_refined")).isEqualTo(OBJECTS);
        assertThat(TestDb.count(dataSource, "select count(distinct source_key) from adult")).isEqualTo(OBJECTS);
        assertThat(counter("adult_raw_reads")).as("each object read once").isEqualTo(OBJECTS);

        // idle: two whole listings of the 1,000 keys open no object
        double listings = counter("adult_raw_listings");
        TestDb.awaitTrue(WAIT, "two more listings", () -> counter("adult_raw_listings") >= listings + 2);
        assertThat(counter("adult_raw_reads")).isEqualTo(OBJECTS);
        assertThat(oneSummary.matches()).as("'Load complete' once, not once per batch of small files").isTrue();

        // a new object after all the others, in key order too, is loaded at the next listing
        s3.putObject(b -> b.bucket("adult").key("raw/zz-late.data"),
                RequestBody.fromString(String.join("\n", lines.subList(0, 10)) + "\n"));
        loadUntil(RECORDS + 10);
        assertThat(counter("adult_raw_reads")).isEqualTo(OBJECTS + 1);
        assertThat(twoSummaries.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a second 'Load complete'").isTrue();
    }

    /** Ticks that ended with the load's summary line (the body the load-summary route leaves). */
    private NotifyBuilder summaries() {
        return new NotifyBuilder(context).fromRoute("load")
                .filter(e -> String.valueOf(e.getIn().getBody()).startsWith("Load complete"));
    }
}
