package io.adultetl.local;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sorted keys under a prefix of the local store, enumerated again only when a directory they were read from has
 * changed since: an idle listing of a big folder, page after page, enumerates it once instead of once a page. A key
 * added, removed or renamed changes its directory's modification time; a directory changed less than
 * {@link #SETTLED} before its keys were read is not trusted to show the next change (its time's granularity), so its
 * keys are read again each time until it settles.
 */
final class KeySnapshots {

    private static final Duration SETTLED = Duration.ofSeconds(2);
    private static final int KEPT = 4;

    private final Path store;
    private final Map<String, SoftReference<Snapshot>> snapshots = new ConcurrentHashMap<>();

    /** {@code store}: the folder holding one folder per container. */
    KeySnapshots(Path store) {
        this.store = store;
    }

    /**
     * The keys {@code enumerate} gives for this container and prefix, sorted (an array: a third less memory than a
     * sorted set), from a snapshot while it is current. Not to be changed: a snapshot's array is shared.
     */
    String[] keys(String container, String prefix, Supplier<Collection<String>> enumerate) {
        String id = container + '/' + prefix;
        SoftReference<Snapshot> kept = snapshots.get(id);
        Snapshot snapshot = kept == null ? null : kept.get();
        if (snapshot != null && snapshot.current()) {
            return snapshot.keys;
        }
        Instant readFrom = Instant.now();
        String[] keys = enumerate.get().toArray(String[]::new);
        Arrays.sort(keys);
        Map<Path, FileTime> directories = directories(container, prefix, keys);
        if (directories != null && settled(directories, readFrom)) {
            if (snapshots.size() >= KEPT) {
                snapshots.clear();
            }
            snapshots.put(id, new SoftReference<>(new Snapshot(keys, directories)));
        } else {
            snapshots.remove(id);
        }
        return keys;
    }

    /** The directories the keys were read from (jclouds lists each as a key ending in /), their times; null: gone. */
    private Map<Path, FileTime> directories(String container, String prefix, String[] keys) {
        Path containerDir = store.resolve(container);
        int lastSlash = prefix.lastIndexOf('/');
        List<Path> read = new ArrayList<>();
        read.add(lastSlash < 0 ? containerDir : containerDir.resolve(prefix.substring(0, lastSlash)));
        Arrays.stream(keys).filter(key -> key.endsWith("/")).forEach(key -> read.add(containerDir.resolve(key)));
        Map<Path, FileTime> times = new LinkedHashMap<>();
        for (Path directory : read) {
            FileTime time = modified(directory);
            if (time == null) {
                return null;
            }
            times.put(directory, time);
        }
        return times;
    }

    private static boolean settled(Map<Path, FileTime> directories, Instant readFrom) {
        Instant settledBefore = readFrom.minus(SETTLED);
        return directories.values().stream().allMatch(time -> time.toInstant().isBefore(settledBefore));
    }

    private static FileTime modified(Path directory) {
        try {
            return Files.getLastModifiedTime(directory);
        } catch (IOException e) {
            return null;
        }
    }

    private record Snapshot(String[] keys, Map<Path, FileTime> directories) {

        boolean current() {
            return directories.entrySet().stream().allMatch(d -> d.getValue().equals(modified(d.getKey())));
        }
    }
}
