package io.adultetl.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksOnlyThePasswordOfAJdbcUrlsParameters() {
        assertThat(Secrets.mask("jdbc:postgresql://db:5432/adult?password=s3cr3t&sslmode=require"))
                .isEqualTo("jdbc:postgresql://db:5432/adult?password=****&sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://db/adult?user=adult&password=p%40ss%26word"))
                .isEqualTo("jdbc:postgresql://db/adult?user=adult&password=****");
        assertThat(Secrets.mask("jdbc:postgresql://db/adult?sslmode=verify-full&sslpassword=keypass&ApplicationName=x"))
                .isEqualTo("jdbc:postgresql://db/adult?sslmode=verify-full&sslpassword=****&ApplicationName=x");
        assertThat(Secrets.mask("jdbc:sqlserver://db;user=sa;password=Str0ng;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=sa;password=****;encrypt=true");
    }

    @Test
    void masksOnlyThePasswordOfAUrlsUserInfo() {
        assertThat(Secrets.mask("postgresql://adult:pa55@db:5432/adult?sslmode=require"))
                .isEqualTo("postgresql://adult:****@db:5432/adult?sslmode=require");
        assertThat(Secrets.mask("jdbc:postgresql://adult:pa55@db/adult")).isEqualTo("jdbc:postgresql://adult:****@db/adult");
        assertThat(Secrets.mask("http://AKIAEXAMPLE:wJalrXUtnFEMI%2FK7MDENG@minio:9000"))
                .isEqualTo("http://AKIAEXAMPLE:****@minio:9000");
        assertThat(Secrets.mask("postgresql://adult:p@ss:w0rd@db/adult")).as("a raw '@' in the password")
                .isEqualTo("postgresql://adult:****@db/adult");
        assertThat(Secrets.mask("connect to postgres://u:x@h1:5432 then http://v:y@h2/z"))
                .isEqualTo("connect to postgres://u:****@h1:5432 then http://v:****@h2/z");
    }

    @Test
    void masksASettingWrittenAsKeyAndValue() {
        assertThat(Secrets.mask("adult.s3.secret-key = abc123, adult.db.password=pw12"))
                .isEqualTo("adult.s3.secret-key = ****, adult.db.password=****");
    }

    @Test
    void leavesTextWithoutCredentialsAlone() {
        for (String text : new String[] {"Batch 3: 1630 records, 4890/48842 loaded (10.0%), 98 ms",
                "jdbc:postgresql://localhost:54320/postgres", "postgresql://postgres@localhost:54320/postgres",
                "http://127.0.0.1:9000", "http://db:5432/path@x", "Connection to 127.0.0.1:5432 refused",
                "adult.db.password = ", "", "user@example.com"}) {
            assertThat(Secrets.mask(text)).isEqualTo(text);
        }
        assertThat(Secrets.mask(null)).isNull();
    }

    @Test
    void showsACredentialSettingAsAMaskUnlessItIsEmpty() {
        assertThat(Secrets.show("adult.db.password", "hunter2")).isEqualTo("****");
        assertThat(Secrets.show("adult.s3.secret-key", "x")).isEqualTo("****");
        assertThat(Secrets.show("adult.s3.access-key", "AKIAEXAMPLE")).isEqualTo("****");
        assertThat(Secrets.show("adult.db.password", "")).as("an unset password shows as unset").isEmpty();
        assertThat(Secrets.show("adult.db.url", "jdbc:postgresql://db/adult?password=hunter2"))
                .isEqualTo("jdbc:postgresql://db/adult?password=****");
        assertThat(Secrets.show("adult.db.user", "adult")).isEqualTo("adult");
        assertThat(Secrets.show("adult.http.host", "127.0.0.1")).isEqualTo("127.0.0.1");
    }

    @Test
    void knowsCredentialKeysByTheirLastSegment() {
        assertThat(new String[] {"adult.db.password", "adult.s3.secret-key", "adult.s3.access-key",
                "adult.local.secret-key", "camel.component.x.access-token", "DB_PASSWORD", "api-key", "sslpassword"})
                .allMatch(Secrets::isCredentialKey);
        assertThat(new String[] {"adult.db.user", "adult.db.url", "adult.s3.endpoint", "adult.batch.size",
                "adult.http.host", "adult.password.rules.enabled"})
                .noneMatch(Secrets::isCredentialKey);
    }

    @Test
    void aRememberedCredentialIsMaskedWhereverItTurnsUp() {
        String password = "pw-" + UUID.randomUUID();
        String urlPassword = "url-pw-" + UUID.randomUUID();
        String encoded = "enc-pw-" + UUID.randomUUID() + "%2F%40";
        assertThat(Secrets.mask("auth failed for " + password)).as("not known yet").contains(password);

        Secrets.remember("adult.db.password", password);
        Secrets.remember("adult.db.url", "jdbc:postgresql://db/adult?password=" + urlPassword);
        Secrets.remember("adult.s3.endpoint", "http://ak:" + encoded + "@minio:9000");

        assertThat(Secrets.mask("auth failed for " + password)).isEqualTo("auth failed for ****");
        assertThat(Secrets.mask("bad host " + urlPassword + ".example")).isEqualTo("bad host ****.example");
        String decoded = encoded.replace("%2F%40", "/@");
        assertThat(Secrets.mask("it said " + decoded)).as("the decoded form too").isEqualTo("it said ****");
    }

    @Test
    void shortValuesAreMaskedOnlyWhereTheyLookLikeCredentials() {
        Secrets.remember("adult.db.password", "abc");
        assertThat(Secrets.mask("abcdef")).isEqualTo("abcdef");
        assertThat(Secrets.mask("postgresql://u:abc@h/db")).isEqualTo("postgresql://u:****@h/db");
    }

    @Test
    void describesACauseChainOnOneMaskedLine() {
        Exception e = new IllegalStateException("Failed to start",
                new SQLException("bad URL jdbc:postgresql://u:topsecret@h/db", new IOException("refused")));
        assertThat(Secrets.describe(e))
                .isEqualTo("Failed to start <- bad URL jdbc:postgresql://u:****@h/db <- refused");
        assertThat(Secrets.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
