package io.adultetl.bench;

import io.adultetl.connect.S3Connection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads files to raw/ of an S3 server: {@code BenchS3 <key> <file>} one file (bench/run in external mode, where the
 * service's local-seed route is off), {@code BenchS3 --dir <prefix> <folder>} every file of a folder under the
 * prefix, eight at a time (tens of thousands of small objects, faster than the seed route's one-by-one poll);
 * configured by the service's own variables ADULT_S3_ENDPOINT, ADULT_S3_REGION, ADULT_S3_BUCKET,
 * ADULT_S3_ACCESS_KEY, ADULT_S3_SECRET_KEY.
 */
public final class BenchS3 {

    private BenchS3() {
    }

    public static void main(String[] args) throws Exception {
        boolean folder = args.length == 3 && args[0].equals("--dir");
        if (args.length != 2 && !folder) {
            System.err.println("usage: BenchS3 <key> <file> | BenchS3 --dir <prefix> <folder>");
            System.exit(2);
        }
        try (S3Client s3 = S3Connection.create(env("ADULT_S3_ENDPOINT", "aws"), env("ADULT_S3_REGION", "us-east-1"),
                env("ADULT_S3_ACCESS_KEY", ""), env("ADULT_S3_SECRET_KEY", ""))) {
            if (folder) {
                System.out.println("uploaded " + uploadFolder(s3, args[1], Path.of(args[2])) + " files to " + args[1]);
            } else {
                put(s3, args[0], Path.of(args[1]));
                System.out.println("uploaded " + args[1] + " to " + args[0]);
            }
        }
    }

    private static long uploadFolder(S3Client s3, String prefix, Path folder) throws Exception {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(Files::isRegularFile).sorted().toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> uploads = new ArrayList<>();
            for (Path file : files) {
                uploads.add(pool.submit(() -> put(s3, prefix + file.getFileName(), file)));
            }
            for (Future<?> upload : uploads) {
                upload.get();
            }
        } finally {
            pool.shutdown();
        }
        return files.size();
    }

    /** One streaming PUT (fine up to 5 GB). */
    private static void put(S3Client s3, String key, Path file) {
        s3.putObject(b -> b.bucket(env("ADULT_S3_BUCKET", "adult")).key(key), RequestBody.fromFile(file));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
