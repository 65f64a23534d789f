package io.adultetl.refine;

import io.adultetl.connect.S3Objects;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.camel.Body;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects under raw/: listed without reading any (paged ListObjectsV2, 1,000 keys a request: aws2-s3's
 * {@code listObjects} operation returns one page only, and its consumer opens every object it lists), and read only
 * once a version is to be refined.
 */
public final class RawObjects {

    private final S3Client s3;
    private final String bucket;
    private final String rawPrefix;
    private final ObjectRefiner refiner;
    private final Predicate<String> inProgress;
    private final AtomicLong listings = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    /** {@code inProgress}: keys the S3 server lists for uploads not finished yet (the embedded one does). */
    public RawObjects(S3Client s3, String bucket, String rawPrefix, ObjectRefiner refiner, Predicate<String> inProgress) {
        this.inProgress = inProgress;
        this.s3 = s3;
        this.bucket = bucket;
        this.rawPrefix = rawPrefix;
        this.refiner = refiner;
    }

    /**
     * The pages of a listing of raw/, read one at a time as they are iterated (never the whole bucket in memory):
     * each with the objects that can be refined, in key order: not a "folder" marker, not still being written (no
     * ETag yet, or the embedded server's temporary file of an upload), not a key the refiner refuses (said once).
     */
    public Iterator<RawPage> pages() {
        Iterator<ListObjectsV2Response> responses =
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(rawPrefix)).iterator();
        return new Iterator<>() {
            private String after;
            private boolean last;

            @Override
            public boolean hasNext() {
                return !last && responses.hasNext();
            }

            @Override
            public RawPage next() {
                ListObjectsV2Response response = responses.next();
                List<S3Object> contents = response.contents();
                last = !Boolean.TRUE.equals(response.isTruncated()) || contents.isEmpty();
                String upto = last ? null : contents.get(contents.size() - 1).key();
                RawPage page = new RawPage(refinable(contents), after, upto);
                after = upto;
                if (last) {
                    listings.incrementAndGet();
                }
                return page;
            }
        };
    }

    private List<RawPage.Listed> refinable(List<S3Object> contents) {
        List<RawPage.Listed> objects = new ArrayList<>(contents.size());
        for (S3Object object : contents) {
            if (object.key().endsWith("/") || object.eTag() == null || inProgress.test(object.key())
                    || refiner.isRefused(object.key())) {
                continue;
            }
            objects.add(new RawPage.Listed(object.key(), object.eTag(), object.size() == null ? 0 : object.size()));
        }
        return objects;
    }

    /**
     * Opens the version for streaming, pinned to its ETag: an object overwritten since the listing is not this
     * version, and reads as absent (the next listing finds the new one).
     */
    public InputStream open(@Body RawVersion version) {
        reads.incrementAndGet();
        try {
            return s3.getObject(b -> b.bucket(bucket).key(version.key()).ifMatch(version.etag()));
        } catch (S3Exception e) {
            if (S3Objects.changed(e)) {
                throw NoSuchKeyException.builder().message(version.key() + " changed since it was listed").cause(e).build();
            }
            throw e;
        }
    }

    /** Listings of raw/ made by this instance, counted as their last page is read. */
    public long listings() {
        return listings.get();
    }

    /** Raw objects this instance opened: one per version it refined (or tried to). */
    public long reads() {
        return reads.get();
    }
}
