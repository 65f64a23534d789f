package io.adultetl.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.s3.S3Client;

class S3ConnectionTest {

    @Test
    void userInfoInTheEndpointIsTheKeysAndStaysOutOfTheClientsUrl() {
        try (S3Client s3 = S3Connection.create("http://AKID:se%2Fcret@127.0.0.1:9000", "us-east-1", "other", "other")) {
            assertThat(s3.serviceClientConfiguration().endpointOverride()).contains(URI.create("http://127.0.0.1:9000"));
            AwsCredentials credentials = (AwsCredentials) s3.serviceClientConfiguration().credentialsProvider()
                    .resolveIdentity().join();
            assertThat(credentials.accessKeyId()).isEqualTo("AKID");
            assertThat(credentials.secretAccessKey()).isEqualTo("se/cret");
        }
    }

    @Test
    void withoutUserInfoTheConfiguredKeysAreUsed() {
        try (S3Client s3 = S3Connection.create("http://127.0.0.1:9000", "us-east-1", "AKID", "secret")) {
            AwsCredentials credentials = (AwsCredentials) s3.serviceClientConfiguration().credentialsProvider()
                    .resolveIdentity().join();
            assertThat(credentials.accessKeyId()).isEqualTo("AKID");
            assertThat(credentials.secretAccessKey()).isEqualTo("secret");
        }
    }
}
