package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Base of the integration tests that run the real route files in local mode (embedded S3 and PostgreSQL) in this
 * JVM. Each test's {@code @CamelMainTest} reads {@link #PROPERTIES}, has the load route ticked by hand
 * ({@link #LOAD_BY_HAND}), and sets only what differs (seed files, batch size); its S3 store and database live in a
 * folder of its own, new for every run. Tests wait on the tables, never on the clock: a tick is fired only once the
 * test has seen the refines it waits for.
 */
abstract class LocalModeIT {

    /** The shared test configuration over the real one: of two locations, the first one's value wins. */
    static final String PROPERTIES = "classpath:test.properties,file:application.properties";
    /** The load route's Quartz timer replaced by an endpoint that {@link #loadUntil} sends ticks to. */
    static final String LOAD_BY_HAND = "load=direct:load-tick";
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @BeanInject
    CamelContext context;

    @BeanInject
    DataSource dataSource;

    @BeanInject
    S3Client s3;

    @EndpointInject("direct:load-tick")
    ProducerTemplate loadTick;

    /** Every test starts from an empty S3 store and database. */
    @BeforeAll
    static void freshLocalDir(TestInfo test) {
        Path dir = localDir(test.getTestClass().orElseThrow());
        TestFiles.deleteRecursively(dir);
        TestPostgres.seed(dir.resolve("postgres"));
    }

    @Configure
    void configure(MainConfigurationProperties main) {
        Path dir = localDir(getClass());
        main.addConfiguration(new AdultEtlConfiguration() {
            @Override
            public void configure(CamelContext camel) throws Exception {
                // set before the service's configuration starts the embedded servers, so they start in this folder
                camel.getPropertiesComponent().addOverrideProperty("adult.local.dir", dir.toString());
                super.configure(camel);
                configured(camel);
            }
        });
    }

    /** Called once the service has bound its beans, before the routes start: a test may put one of its own in. */
    void configured(CamelContext camel) {
    }

    private static Path localDir(Class<?> test) {
        return Path.of("target/it", test.getSimpleName());
    }

    /** A file of the folder this test seeds raw/ from ({@code adult.local.seed-dir}). */
    Path seedFile(String name) {
        return Path.of(context.getPropertiesComponent().resolveProperty("adult.local.seed-dir").orElseThrow(), name);
    }

    /** Waits until this many object versions are refined and registered for loading. */
    void awaitRefined(long versions) {
        TestDb.awaitTrue(TIMEOUT, versions + " versions refined",
                () -> count("select count(*) from adult_refined") == versions);
    }

    /** Fires load ticks, one after another, until the last batch logged says this many records are loaded. */
    void loadUntil(long records) {
        TestDb.awaitTrue(TIMEOUT, records + " records loaded", () -> {
            loadTick.sendBody(null);
            return count("select coalesce((select loaded_total from adult_load_batch order by batch_no desc limit 1), 0)")
                    == records;
        });
        assertThat(count("select count(*) from adult")).as("rows in table adult").isEqualTo(records);
    }

    /** A counter of the service's metrics, e.g. {@code adult_raw_listings}. */
    double counter(String name) {
        MeterRegistry registry = MicrometerUtils.getMeterRegistryFromCamelRegistry(context.getRegistry(),
                MicrometerConstants.METRICS_REGISTRY_NAME);
        return registry.get(name).functionCounter().count();
    }

    long count(String sql) {
        return TestDb.countUnchecked(dataSource, sql);
    }

    /** Whether the bucket holds {@code key}. */
    boolean exists(String key) {
        try {
            s3.headObject(b -> b.bucket("adult").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }
}
