package io.adultetl.local;

import io.adultetl.Settings;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where S3 and PostgreSQL are: the configured servers, or, for whichever is not configured, an
 * embedded one whose data lives under {@code adult.local.dir} across restarts.
 */
public final class LocalMode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMode.class);

    private final Settings settings;
    private LocalS3Server s3Server;
    private LocalPostgres postgres;

    private LocalMode(Settings settings) {
        this.settings = settings;
    }

    /** Starts the embedded servers that the configuration leaves out; stops them again if one fails. */
    public static LocalMode start(Settings settings) throws Exception {
        LocalMode local = new LocalMode(settings);
        try {
            Path dir = Path.of(settings.get("adult.local.dir")).toAbsolutePath();
            if (settings.get("adult.s3.endpoint").isEmpty()) {
                local.s3Server = LocalS3Server.start(dir.resolve("s3"), "127.0.0.1",
                        settings.getInt("adult.local.s3-port"), local.s3AccessKey(), local.s3SecretKey());
            }
            if (settings.get("adult.db.url").isEmpty()) {
                local.postgres = LocalPostgres.start(dir.resolve("postgres"), settings.getInt("adult.local.db-port"));
            }
            return local;
        } catch (NoClassDefFoundError e) {
            local.close();
            throw new IllegalStateException("Local mode needs the embedded servers, which the service jar leaves out: "
                    + "set ADULT_S3_ENDPOINT and ADULT_DB_URL, or run it with 'mvn compile camel:run'", e);
        } catch (Exception | Error e) {
            local.close();
            throw e;
        }
    }

    public boolean s3Embedded() {
        return s3Server != null;
    }

    public String s3Endpoint() {
        return s3Embedded() ? s3Server.endpoint().toString() : settings.get("adult.s3.endpoint");
    }

    public String s3AccessKey() {
        return s3Credential("adult.s3.access-key", "adult.local.access-key");
    }

    public String s3SecretKey() {
        return s3Credential("adult.s3.secret-key", "adult.local.secret-key");
    }

    /** The configured credential, or the embedded server's made-up one when neither it nor an endpoint is set. */
    private String s3Credential(String key, String localKey) {
        String configured = settings.get(key);
        return configured.isEmpty() && settings.get("adult.s3.endpoint").isEmpty() ? settings.get(localKey) : configured;
    }

    public String dbUrl() {
        return postgres != null ? postgres.jdbcUrl() : settings.get("adult.db.url");
    }

    public String dbUser() {
        return postgres != null ? postgres.user() : settings.get("adult.db.user");
    }

    public String dbPassword() {
        return postgres != null ? postgres.password() : settings.get("adult.db.password");
    }

    /** Tells the user where to look; the embedded servers' keys are local, made-up ones, so they are shown. */
    public void logHowToReach(String bucket) {
        if (s3Server != null) {
            LOG.info("Local S3 (S3Proxy): {} bucket '{}', access key '{}', secret key '{}'; e.g. "
                    + "AWS_ACCESS_KEY_ID={} AWS_SECRET_ACCESS_KEY={} aws --endpoint-url {} s3 ls s3://{}/ --recursive",
                    s3Server.endpoint(), bucket, s3AccessKey(), s3SecretKey(), s3AccessKey(), s3SecretKey(),
                    s3Server.endpoint(), bucket);
        }
        if (postgres != null) {
            LOG.info("Local PostgreSQL: {} user '{}'; e.g. psql \"{}\" -c 'select count(*) from adult'",
                    postgres.jdbcUrl(), postgres.user(), psqlUrl());
        }
    }

    private String psqlUrl() {
        return postgres.jdbcUrl().replaceFirst("^jdbc:", "").replaceFirst("//", "//" + postgres.user() + "@");
    }

    @Override
    public void close() {
        if (postgres != null) {
            postgres.close();
        }
        if (s3Server != null) {
            s3Server.close();
        }
    }
}
