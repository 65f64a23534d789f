package io.adultetl.run;

import java.time.Duration;

/**
 * What a run in once mode did, for the one line it ends with.
 *
 * @param versions versions this run refined and registered
 * @param records  records this run committed to table adult
 * @param batches  batches this run committed
 * @param took     from the start of the run to its end
 */
public record RunSummary(long versions, long records, long batches, Duration took) {

    /** The line of a run that ends because nothing waits any more; {@code tableRecords}: what table adult holds now. */
    public String done(long tableRecords) {
        return String.format("Run once done, nothing waits: %s; table adult holds %d records; exit code 0", work(),
                tableRecords);
    }

    /** The line of a run that gives up: {@code why} stayed true for {@code maxOutage} (adult.run.max-outage). */
    public String gaveUp(String why, Duration maxOutage, int exitCode) {
        return String.format("Run once gave up after %d ms (adult.run.max-outage) of %s; %s; exit code %d",
                maxOutage.toMillis(), why, work(), exitCode);
    }

    private String work() {
        return String.format("this run refined %d %s and loaded %d records in %d %s in %d s", versions,
                versions == 1 ? "version" : "versions", records, batches, batches == 1 ? "batch" : "batches",
                took.toSeconds());
    }
}
