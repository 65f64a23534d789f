package io.adultetl.connect;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Builds the one S3 client every route and bean shares, for AWS S3 or any S3-compatible endpoint. */
public final class S3Connection {

    /** The {@code adult.s3.endpoint} value that selects real AWS S3. */
    public static final String AWS = "aws";

    private S3Connection() {
    }

    /**
     * @param endpoint {@value #AWS} for AWS S3, else the URL of an S3-compatible server (path-style access); an
     *     {@code accessKey:secretKey@} in it wins over the separate keys and is kept out of the client's URL
     * @param accessKey empty to use the AWS default credential chain (environment, profile, instance role)
     */
    public static S3Client create(String endpoint, String region, String accessKey, String secretKey) {
        return builder(endpoint, region, accessKey, secretKey).build();
    }

    /** The same client without the SDK's retries: one quick answer to "is it there?" while the start waits. */
    public static S3Client probe(String endpoint, String region, String accessKey, String secretKey) {
        return builder(endpoint, region, accessKey, secretKey)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static S3ClientBuilder builder(String endpoint, String region, String accessKey, String secretKey) {
        UrlCredentials login = UrlCredentials.of(endpoint, accessKey, secretKey);
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials(login.user(), login.password()));
        if (!AWS.equalsIgnoreCase(endpoint)) {
            builder.endpointOverride(URI.create(login.url()))
                    .forcePathStyle(true)
                    // S3-compatible servers reject the SDK's default streaming checksums
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder;
    }

    /** Creates the bucket unless it exists (local mode and first runs against a fresh server). */
    public static void ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
        if (accessKey == null || accessKey.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
