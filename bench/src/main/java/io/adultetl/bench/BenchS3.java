package io.adultetl.bench;

import io.adultetl.connect.S3Connection;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads files to raw/ of an external S3 (bench/run in external mode, where the service's local-seed route is
 * off): {@code java -cp ... io.adultetl.bench.BenchS3 <key> <file>}, configured by the service's own variables
 * ADULT_S3_ENDPOINT, ADULT_S3_REGION, ADULT_S3_BUCKET, ADULT_S3_ACCESS_KEY, ADULT_S3_SECRET_KEY.
 */
public final class BenchS3 {

    private BenchS3() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BenchS3 <key> <file>");
            System.exit(2);
        }
        try (S3Client s3 = S3Connection.create(env("ADULT_S3_ENDPOINT", "aws"), env("ADULT_S3_REGION", "us-east-1"),
                env("ADULT_S3_ACCESS_KEY", ""), env("ADULT_S3_SECRET_KEY", ""))) {
            // the SDK uploads a file with one streaming PUT (fine up to 5 GB)
            s3.putObject(b -> b.bucket(env("ADULT_S3_BUCKET", "adult")).key(args[0]), RequestBody.fromFile(Path.of(args[1])));
        }
        System.out.println("uploaded " + args[1] + " to " + args[0]);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
