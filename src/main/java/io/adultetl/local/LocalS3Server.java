package io.adultetl.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.LocalStorageStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server (S3Proxy over jclouds' filesystem store, listed a page at a time:
 * {@link PagedListingBlobStore}) that keeps its buckets in a local folder.
 */
public final class LocalS3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalS3Server.class);
    /** jclouds writes an upload to {@code <key>-<random UUID>}, then renames it; a listing may see it meanwhile. */
    private static final Pattern UPLOAD_IN_PROGRESS =
            Pattern.compile(".*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Whether a listed key is the store's temporary file of an upload still being written, not an object. */
    public static boolean isUploadInProgress(String key) {
        return UPLOAD_IN_PROGRESS.matcher(key).matches();
    }

    private LocalS3Server(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    /** Starts the server on host:port (0 picks a free port) and returns once it answers requests. */
    public static LocalS3Server start(Path storeDir, String host, int port, String accessKey, String secretKey) {
        long startedAt = System.nanoTime();
        Path dir = storeDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the local S3 store directory " + dir, e);
        }
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem")
                .overrides(overrides)
                .buildView(BlobStoreContext.class);
        S3Proxy proxy = null;
        try {
            proxy = S3Proxy.builder()
                    .blobStore(new PagedListingBlobStore(context.getBlobStore(),
                            context.utils().injector().getInstance(LocalStorageStrategy.class), dir))
                    .endpoint(URI.create("http://" + uriHost(host) + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
                    .build();
            proxy.start();
            awaitStarted(proxy, host, port);
            URI endpoint = URI.create("http://" + uriHost(host) + ":" + proxy.getPort());
            LOG.info("Local S3 server is up at {} in {} ms (store {})", endpoint, millisSince(startedAt), dir);
            return new LocalS3Server(proxy, context, endpoint);
        } catch (Exception e) {
            stopQuietly(proxy);
            context.close();
            if (e instanceof LocalServerException lse) {
                throw lse;
            }
            throw new LocalServerException("Could not start the local S3 server on " + host + ":" + port
                    + " (store " + dir + "): " + e.getMessage(), e);
        }
    }

    /** The base URI clients use, e.g. http://127.0.0.1:9000; path-style addressing is required. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the server; later calls do nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        stopQuietly(proxy);
        context.close();
        LOG.info("Local S3 server at {} stopped", endpoint);
    }

    private static void awaitStarted(S3Proxy proxy, String host, int port) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            // Jetty reports FAILED for good (e.g. port taken), so there is no point waiting for the deadline
            if ("FAILED".equals(proxy.getState())) {
                throw new LocalServerException("Local S3 server failed to start on " + host + ":" + port, null);
            }
            if (System.nanoTime() > deadline) {
                throw new LocalServerException("Local S3 server on " + host + ":" + port + " not started after "
                        + START_TIMEOUT.toSeconds() + " s (state " + proxy.getState() + ")", null);
            }
            Thread.sleep(20);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("Error while stopping the local S3 server", e);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    // an IPv6 literal must be bracketed inside a URI
    private static String uriHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
