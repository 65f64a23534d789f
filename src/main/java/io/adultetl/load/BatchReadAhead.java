package io.adultetl.load;

import io.adultetl.connect.S3Objects;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads ranges of refined objects from S3, each a bounded ranged GET pinned to the version's ETag, and reads them
 * before the tick that needs them where it can: the next tick's first range while this tick commits, and a new
 * version's first range, from its spooled copy, while it is registered. A read ahead is used only by a tick that asks
 * for exactly its range.
 */
final class BatchReadAhead {

    private static final Logger LOG = LoggerFactory.getLogger(BatchReadAhead.class);
    /**
     * Bytes of first-range reads of new versions kept for the loader (a full range is ~200 KB, a small object's a few
     * hundred bytes); the oldest go when files arrive faster than it loads.
     */
    static final long ARRIVAL_BYTES_KEPT = 8L << 20;

    /** The object of a range is no longer the version that was registered: a newer one is being refined. */
    static final class ObjectChanged extends IOException {
        ObjectChanged(String key, Throwable cause) {
            super(key + " changed since it was registered", cause);
        }
    }

    private final S3Client s3;
    private final String bucket;
    private final ExecutorService executor;
    /** The next tick's first range; touched only by the tick thread (ticks never overlap). */
    private Prefetch next;
    /** First ranges of versions being registered (refine threads), oldest first. */
    private final Deque<Prefetch> arrivals = new ArrayDeque<>();
    /** Bytes of the ranges in {@link #arrivals}. */
    private long arrivalBytes;

    BatchReadAhead(S3Client s3, String bucket, ExecutorService executor) {
        this.s3 = s3;
        this.bucket = bucket;
        this.executor = executor;
    }

    /** Starts reading the range the next tick will ask for first (tick thread), unless it arrived read already. */
    void readNext(Range range) {
        synchronized (arrivals) {
            if (arrivals.stream().anyMatch(arrival -> arrival.range.equals(range))) {
                return;
            }
        }
        Future<RefinedLines> lines = submit(range);
        if (lines != null) {
            next = new Prefetch(range, lines);
        }
    }

    /**
     * Reads a version's first range as it is registered (refine threads), from {@code spooled}, the bytes uploaded as
     * that version: no GET. Without a readable copy the tick reads the range itself.
     */
    void readArrival(Range range, Path spooled) {
        RefinedLines lines;
        try {
            lines = readLocal(range, spooled);
        } catch (IOException | RuntimeException e) {
            LOG.debug("No read-ahead of {} from {}: {}", range, spooled, e.toString());
            return;
        }
        synchronized (arrivals) {
            arrivals.addLast(new Prefetch(range, CompletableFuture.completedFuture(lines)));
            arrivalBytes += range.length();
            while (arrivalBytes > ARRIVAL_BYTES_KEPT) {
                drop(arrivals.removeFirst());
            }
        }
    }

    /** The reads of a new tick. */
    Tick tick() {
        return new Tick();
    }

    /** One tick's reads: each range once, from a read ahead of exactly it, else from S3 now (and then counted). */
    final class Tick {
        private final Map<Range, RefinedLines> done = new HashMap<>();
        private int readsOnTick;

        RefinedLines read(Range range) throws IOException {
            RefinedLines lines = done.get(range);
            if (lines == null) {
                lines = take(range);
                done.put(range, lines);
            }
            return lines;
        }

        /** The S3 reads this tick waited for because no read ahead had read their range. */
        int readsOnTick() {
            return readsOnTick;
        }

        private RefinedLines take(Range range) throws IOException {
            Prefetch ahead = next;
            next = null;
            if (ahead != null && !ahead.range.equals(range)) {
                ahead.lines.cancel(true);
                ahead = null;
            }
            Prefetch arrival = arrival(range);
            if (ahead == null) {
                ahead = arrival;
            } else if (arrival != null) {
                arrival.lines.cancel(true);
            }
            if (ahead != null) {
                try {
                    return ahead.lines.get();
                } catch (ExecutionException e) {
                    LOG.debug("Read-ahead of {} failed, reading it again: {}", range, e.getCause().toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading " + range.key());
                }
            }
            readsOnTick++;
            return fetch(range);
        }
    }

    /**
     * Takes the first-range read of this range's object version out of the arrivals, returned if it is this range;
     * otherwise dropped, as this version's first batch began in another object or was loaded already.
     */
    private Prefetch arrival(Range range) {
        synchronized (arrivals) {
            Prefetch found = null;
            for (Iterator<Prefetch> it = arrivals.iterator(); it.hasNext(); ) {
                Prefetch arrival = it.next();
                if (arrival.range.sameVersion(range)) {
                    it.remove();
                    arrivalBytes -= arrival.range.length();
                    if (arrival.range.equals(range)) {
                        found = arrival;
                    } else {
                        arrival.lines.cancel(true);
                    }
                }
            }
            return found;
        }
    }

    /** Called with the arrivals' lock held. */
    private void drop(Prefetch arrival) {
        arrivalBytes -= arrival.range.length();
        arrival.lines.cancel(true);
    }

    /** The range's bytes from a local copy of the object, parsed as a GET of it would be. */
    private static RefinedLines readLocal(Range range, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(range.length()));
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, range.offset() + bytes.position()) < 0) {
                    throw new IOException(file + " ends before byte " + range.last());
                }
            }
            return RefinedLines.parse(bytes.array(), range.wanted(), range.key(), range.offset());
        }
    }

    private Future<RefinedLines> submit(Range range) {
        try {
            return executor.submit(() -> fetch(range));
        } catch (RejectedExecutionException e) {
            LOG.debug("No read-ahead while stopping: {}", e.toString());
            return null;
        }
    }

    private RefinedLines fetch(Range range) throws IOException {
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(range.key())
                .ifMatch(range.etag()).range("bytes=" + range.offset() + "-" + range.last()).build();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
            // a bounded range, read whole so the connection goes back to the pool
            return RefinedLines.parse(readWhole(in), range.wanted(), range.key(), range.offset());
        } catch (S3Exception e) {
            if (S3Objects.changed(e)) {
                throw new ObjectChanged(range.key(), e);
            }
            throw e;
        }
    }

    /** The response's bytes, into one array of its length when the server gives it (a range is megabytes). */
    private static byte[] readWhole(ResponseInputStream<GetObjectResponse> in) throws IOException {
        Long length = in.response().contentLength();
        if (length == null || length < 0 || length > Integer.MAX_VALUE - 8) {
            return in.readAllBytes();
        }
        byte[] bytes = new byte[length.intValue()];
        int read = in.readNBytes(bytes, 0, bytes.length);
        if (read != bytes.length) {
            throw new IOException("read " + read + " bytes of a " + bytes.length + "-byte response");
        }
        return bytes;
    }

    private record Prefetch(Range range, Future<RefinedLines> lines) {
    }
}
