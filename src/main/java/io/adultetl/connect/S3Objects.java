package io.adultetl.connect;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Questions about objects in the service's bucket that the routes ask by name. */
public final class S3Objects {

    private final S3Client s3;
    private final String bucket;

    /** Whether a GET pinned to an ETag ({@code ifMatch}) failed because the object was replaced since. */
    public static boolean changed(S3Exception e) {
        return e.statusCode() == 412;
    }

    public S3Objects(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public boolean absent(String key) {
        try {
            s3.headObject(b -> b.bucket(bucket).key(key));
            return false;
        } catch (NoSuchKeyException e) {
            return true;
        }
    }
}
