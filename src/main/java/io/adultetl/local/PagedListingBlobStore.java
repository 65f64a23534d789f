package io.adultetl.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.LocalStorageStrategy;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MutableBlobMetadata;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.util.BlobStoreUtils;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * jclouds' local blob store with a recursive listing that reads the metadata of one page's objects only. jclouds'
 * own listing reads every object's metadata under the prefix and then keeps one page, so listing a folder of N
 * objects page by page read N²/1,000 objects' metadata (docs/performance.md). This one sorts the keys (names only,
 * enumerated again only once the folder changed: {@link KeySnapshots}), skips to the marker and reads metadata until
 * the page is full: the same pages, in the same order, as jclouds'. Listings with a delimiter or a directory go to
 * jclouds unchanged.
 */
final class PagedListingBlobStore extends ForwardingBlobStore {

    /** jclouds' page when none is asked for (S3Proxy always asks: at most 1,000). */
    private static final int DEFAULT_PAGE = 1000;

    private final LocalStorageStrategy storage;
    private final KeySnapshots keySnapshots;

    /** {@code store}: jclouds' base directory, one folder per container. */
    PagedListingBlobStore(BlobStore blobStore, LocalStorageStrategy storage, Path store) {
        super(blobStore);
        this.storage = storage;
        this.keySnapshots = new KeySnapshots(store);
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        if (options.getDir() != null || options.getDelimiter() != null || !options.isRecursive()
                || !storage.containerExists(container)) {
            return super.list(container, options);
        }
        String prefix = options.getPrefix() == null ? "" : options.getPrefix();
        String marker = options.getMarker();
        int pageSize = options.getMaxResults() == null ? DEFAULT_PAGE : options.getMaxResults();
        Iterator<StorageMetadata> listed = listedAfter(container, prefix, marker);
        SortedSet<StorageMetadata> page = new TreeSet<>();
        while (page.size() < pageSize && listed.hasNext()) {
            page.add(listed.next());
        }
        String next = pageSize != 0 && !page.isEmpty() && listed.hasNext() ? page.last().getName() : null;
        if (!options.isDetailed()) {
            page.forEach(metadata -> metadata.getUserMetadata().clear());
        }
        return new PageSetImpl<>(page, next);
    }

    /** The container's objects under the prefix after the marker, in key order, each read when it is reached. */
    private Iterator<StorageMetadata> listedAfter(String container, String prefix, String marker) {
        String[] keys = keySnapshots.keys(container, prefix, () -> keys(container, prefix));
        int first = marker == null ? 0 : after(keys, marker);
        Iterator<String> candidates = Arrays.asList(keys).subList(first, keys.length).iterator();
        return new Iterator<>() {
            private StorageMetadata ahead = advance();

            @Override
            public boolean hasNext() {
                return ahead != null;
            }

            @Override
            public StorageMetadata next() {
                StorageMetadata current = ahead;
                ahead = advance();
                return current;
            }

            // a key whose object went since the keys were read is skipped, as jclouds' listing skips it
            private StorageMetadata advance() {
                while (candidates.hasNext()) {
                    Blob blob = storage.getBlob(container, candidates.next());
                    if (blob != null && blob.getMetadata().getName().startsWith(prefix)) {
                        MutableBlobMetadata metadata = BlobStoreUtils.copy(blob.getMetadata());
                        metadata.setSize(blob.getMetadata().getSize());
                        return metadata;
                    }
                }
                return null;
            }
        };
    }

    /** The index of the first of the sorted keys after the marker. */
    private static int after(String[] keys, String marker) {
        int found = Arrays.binarySearch(keys, marker);
        return found >= 0 ? found + 1 : -found - 1;
    }

    private List<String> keys(String container, String prefix) {
        try {
            List<String> keys = new ArrayList<>();
            storage.getBlobKeysInsideContainer(container, prefix.isEmpty() ? null : prefix, null).forEach(keys::add);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list container " + container, e);
        }
    }
}
