package io.adultetl.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

class LocalS3ServerTest {

    private static final String ACCESS_KEY = "local-access";
    private static final String SECRET_KEY = "local-secret";
    private static final String BUCKET = "adult";

    @TempDir
    Path store;

    @Test
    void theStoresTemporaryFileOfAnUploadIsToldApartFromObjects() {
        assertThat(LocalS3Server.isUploadInProgress("raw/adult.test-3f2c1a9e-8b7d-4c6e-9f01-23456789abcd")).isTrue();
        assertThat(LocalS3Server.isUploadInProgress("raw/adult.test")).isFalse();
        assertThat(LocalS3Server.isUploadInProgress("raw/export-3f2c1a9e-8b7d-4c6e-9f01-23456789abcd.csv")).isFalse();
    }

    @Test
    void servesObjectsRangesAndMultipartAndKeepsThemAcrossRestarts() {
        byte[] hello = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] big = randomBytes(11 * 1024 * 1024 + 123);

        try (LocalS3Server server = LocalS3Server.start(store, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
             S3Client s3 = client(server)) {
            assertThat(server.endpoint().toString()).startsWith("http://127.0.0.1:");
            s3.createBucket(b -> b.bucket(BUCKET));

            s3.putObject(b -> b.bucket(BUCKET).key("raw/hello.txt"), RequestBody.fromBytes(hello));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("raw/hello.txt")).asByteArray()).isEqualTo(hello);
            assertThat(keys(s3, "raw/")).containsExactly("raw/hello.txt");

            ResponseBytes<GetObjectResponse> range =
                    s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("raw/hello.txt").range("bytes=5-9"));
            assertThat(range.asUtf8String()).isEqualTo("56789");
            assertThat(range.response().contentRange()).isEqualTo("bytes 5-9/16");

            CompleteMultipartUploadResponse done = multipartUpload(s3, "refined/big.bin", big, 5 * 1024 * 1024 + 7);
            assertThat(done.eTag()).matches("\"[0-9a-f]{32}-3\"");
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("refined/big.bin")).asByteArray()).isEqualTo(big);
            byte[] tail = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("refined/big.bin")
                    .range("bytes=" + (big.length - 10) + "-")).asByteArray();
            assertThat(tail).isEqualTo(Arrays.copyOfRange(big, big.length - 10, big.length));

            server.close();
            server.close();
        }

        try (LocalS3Server again = LocalS3Server.start(store, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
             S3Client s3 = client(again)) {
            // without a delimiter the filesystem store also lists its folders as "raw/" and "refined/" entries
            assertThat(keys(s3, "")).filteredOn(k -> !k.endsWith("/")).containsExactly("raw/hello.txt", "refined/big.bin");
            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("refined/big.bin")).asByteArray()).isEqualTo(big);
        }
    }

    @Test
    void honoursIfMatchOnGet() {
        try (LocalS3Server server = LocalS3Server.start(store, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
             S3Client s3 = client(server)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            String etag = s3.putObject(b -> b.bucket(BUCKET).key("k"), RequestBody.fromString("v1")).eTag();

            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("k").ifMatch(etag)).asUtf8String()).isEqualTo("v1");
            assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("k").ifMatch("\"nope\"")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        }
    }

    // pinned so the service never relies on it locally: S3Proxy 2.6.0 accepts conditional PUTs without checking them
    @Test
    void doesNotEnforceConditionalPuts() {
        try (LocalS3Server server = LocalS3Server.start(store, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
             S3Client s3 = client(server)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            s3.putObject(b -> b.bucket(BUCKET).key("k"), RequestBody.fromString("v1"));

            s3.putObject(b -> b.bucket(BUCKET).key("k").ifNoneMatch("*"), RequestBody.fromString("v2"));
            s3.putObject(b -> b.bucket(BUCKET).key("k").ifMatch("\"nope\""), RequestBody.fromString("v3"));

            assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("k")).asUtf8String()).isEqualTo("v3");
        }
    }

    @Test
    void rejectsWrongSecret() {
        try (LocalS3Server server = LocalS3Server.start(store, "127.0.0.1", 0, ACCESS_KEY, SECRET_KEY);
             S3Client s3 = client(server, "wrong-secret")) {
            assertThatThrownBy(() -> s3.listBuckets()).isInstanceOf(S3Exception.class);
        }
    }

    @Test
    void failsClearlyAndLeavesNoThreadsWhenThePortIsTaken() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalS3Server.start(store, "127.0.0.1", taken.getLocalPort(), ACCESS_KEY, SECRET_KEY))
                    .isInstanceOf(LocalServerException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
        // pool threads may take a moment to notice the shutdown; polled on this thread, so the poll adds none
        await("the server's threads gone").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .pollInSameThread().untilAsserted(() -> assertThat(newThreadsSince(before)).isEmpty());
    }

    private static List<String> newThreadsSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .toList();
    }

    private static CompleteMultipartUploadResponse multipartUpload(S3Client s3, String key, byte[] data, int partSize) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int offset = 0, number = 1; offset < data.length; offset += partSize, number++) {
            byte[] chunk = Arrays.copyOfRange(data, offset, Math.min(data.length, offset + partSize));
            int partNumber = number;
            String etag = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(partNumber),
                    RequestBody.fromBytes(chunk)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
        assertThat(parts).hasSize(3);
        return s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

    private static List<String> keys(S3Client s3, String prefix) {
        return s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    private static S3Client client(LocalS3Server server) {
        return client(server, SECRET_KEY);
    }

    private static S3Client client(LocalS3Server server, String secret) {
        return S3Client.builder()
                .endpointOverride(server.endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }
}
