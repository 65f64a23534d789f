package io.adultetl.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.LocalStorageStrategy;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paged listing gives exactly jclouds' own pages (same entries, order, ETags, sizes and next markers), and a
 * folder's keys kept between listings never hide a change.
 */
class PagedListingBlobStoreTest {

    private static final String BUCKET = "adult";
    private static final List<String> KEYS = List.of(
            "raw/adult.data", "raw/adult.test", "raw/a-b", "raw/a.b", "raw/a/b", "raw/a/c/d", "raw/A", "raw/z z",
            "raw/é", "raw/2024/01.csv", "raw/2024-01.csv", "refined/adult.data.csv", "rejects/x", "rawish", "top");

    @TempDir
    Path store;

    private BlobStoreContext context;
    private BlobStore jclouds;
    private BlobStore paged;

    @BeforeEach
    void createStore() {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", store.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(overrides).buildView(BlobStoreContext.class);
        jclouds = context.getBlobStore();
        paged = new PagedListingBlobStore(jclouds, context.utils().injector().getInstance(LocalStorageStrategy.class),
                store);
        jclouds.createContainerInLocation(null, BUCKET);
        for (String key : KEYS) {
            jclouds.putBlob(BUCKET, jclouds.blobBuilder(key).payload("content of " + key).build());
        }
    }

    @AfterEach
    void closeStore() {
        context.close();
    }

    @Test
    void everyPageOfEveryPrefixAndPageSizeIsJcloudsOwnJustWrittenOrSettled() {
        for (String state : new String[] {"just written", "settled"}) {
            for (String prefix : new String[] {null, "raw/", "raw/a", "raw/2024", "re", "none/"}) {
                for (int pageSize : new int[] {1, 2, 3, 1000}) {
                    List<List<String>> expected = pages(jclouds, prefix, pageSize);
                    assertThat(pages(paged, prefix, pageSize)).as("%s, prefix %s, pages of %d", state, prefix, pageSize)
                            .isEqualTo(expected);
                }
            }
            ageDirectories();
        }
        assertThat(pages(paged, "raw/", 1000).get(0)).as("sanity: the listing sees the objects")
                .contains("raw/a/c/d etag " + jclouds.blobMetadata(BUCKET, "raw/a/c/d").getETag() + " size 20");
    }

    @Test
    void aMarkerBetweenOrAfterTheKeysStartsThePageAfterIt() {
        for (String marker : new String[] {"raw/a", "raw/adult.data", "raw/zzz", "zzz", ""}) {
            ListContainerOptions options = ListContainerOptions.Builder.recursive().afterMarker(marker).maxResults(4);
            assertThat(describe(paged.list(BUCKET, options))).as("after %s", marker)
                    .isEqualTo(describe(jclouds.list(BUCKET, options)));
        }
    }

    @Test
    void listingsWithADelimiterAreJcloudsOwn() {
        ListContainerOptions options = ListContainerOptions.Builder.delimiter("/").prefix("raw/");
        assertThat(describe(paged.list(BUCKET, options))).isEqualTo(describe(jclouds.list(BUCKET, options)))
                .anyMatch(entry -> entry.startsWith("raw/a/ "));
    }

    @Test
    void anObjectWrittenJustAfterAListingIsInTheNextOne() {
        ageDirectories();
        assertThat(names(paged, "raw/")).doesNotContain("raw/late");
        jclouds.putBlob(BUCKET, jclouds.blobBuilder("raw/late").payload("late").build());
        assertThat(names(paged, "raw/")).contains("raw/late");
        jclouds.removeBlob(BUCKET, "raw/late");
        assertThat(names(paged, "raw/")).doesNotContain("raw/late");
    }

    @Test
    void aSettledFolderIsEnumeratedOnceUntilItsDirectoryChanges() throws Exception {
        ageDirectories();
        Path raw = store.resolve(BUCKET).resolve("raw");
        FileTime settled = Files.getLastModifiedTime(raw);
        assertThat(names(paged, "raw/")).doesNotContain("raw/unseen");
        Files.writeString(raw.resolve("unseen"), "written behind the store's back");
        Files.setLastModifiedTime(raw, settled);
        assertThat(names(paged, "raw/")).as("the snapshot is used while the directory's time is unchanged")
                .doesNotContain("raw/unseen");
        Files.setLastModifiedTime(raw, FileTime.from(Instant.now()));
        assertThat(names(paged, "raw/")).contains("raw/unseen");
    }

    /** The directories' times as if the last write was an hour ago: their keys' snapshots are kept. */
    private void ageDirectories() {
        FileTime anHourAgo = FileTime.from(Instant.now().minus(Duration.ofHours(1)));
        try (Stream<Path> tree = Files.walk(store)) {
            for (Path directory : tree.filter(Files::isDirectory).toList()) {
                Files.setLastModifiedTime(directory, anHourAgo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> names(BlobStore blobStore, String prefix) {
        List<String> names = new ArrayList<>();
        blobStore.list(BUCKET, ListContainerOptions.Builder.recursive().prefix(prefix))
                .forEach(metadata -> names.add(metadata.getName()));
        return names;
    }

    /** Every page of a listing, as S3Proxy asks for them: each page after the one before's marker. */
    private static List<List<String>> pages(BlobStore blobStore, String prefix, int pageSize) {
        List<List<String>> pages = new ArrayList<>();
        String marker = null;
        do {
            ListContainerOptions options = ListContainerOptions.Builder.recursive().maxResults(pageSize);
            if (prefix != null) {
                options.prefix(prefix);
            }
            if (marker != null) {
                options.afterMarker(marker);
            }
            PageSet<? extends StorageMetadata> page = blobStore.list(BUCKET, options);
            pages.add(describe(page));
            marker = page.getNextMarker();
        } while (marker != null && pages.size() <= KEYS.size());
        return pages;
    }

    private static List<String> describe(PageSet<? extends StorageMetadata> page) {
        List<String> entries = new ArrayList<>();
        page.forEach(m -> entries.add(m.getName() + " etag " + m.getETag() + " size " + m.getSize()));
        entries.add("next " + page.getNextMarker());
        return entries;
    }
}
