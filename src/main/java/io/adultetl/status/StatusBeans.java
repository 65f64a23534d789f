package io.adultetl.status;

import io.adultetl.refine.ObjectRefiner;
import java.time.Clock;
import java.util.concurrent.Executor;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The beans of the status page's API ({@code routes/status.camel.yaml}), one per resource, reading what the pipeline
 * already keeps through a read-only pool of their own, never a count over table {@code adult} in a request: the only
 * reads over it, the {@link Insight} view and the {@link Audit}, run in the background, throttled. Each request's
 * parameters are checked by {@link Query} and reach SQL only as bound parameters. No configuration value other than
 * those of {@link Setup}, the check-in interval and the audit interval ever appears in an answer.
 */
public final class StatusBeans {

    /** Seconds a status query may run: the page's are all small. */
    private static final int QUERY_SECONDS = 5;
    /** Seconds the insight view may run, in the background: it reads the whole table. */
    private static final int INSIGHT_SECONDS = 600;

    /**
     * What the answers show of this service's setup: its name in the cluster, the batch size and period, and the modes
     * of adult.raw.on-delete and adult.status.raw-text.
     */
    public record Setup(String instanceId, int batchSize, long periodMillis, String onDelete,
            RejectedText rejectedText) {
    }

    private StatusBeans() {
    }

    /**
     * @param statusDb   the status page's read-only pool
     * @param background runs the insight view, so that no request waits for it
     * @param audit      the self-audit, whose last run {@code /api/audit} answers
     */
    public static void bind(CamelContext context, Setup setup, DataSource statusDb, S3Client s3, String bucket,
            ObjectRefiner refiner, NextTick nextTick, Executor background, Audit audit, Clock clock) {
        Registry registry = context.getRegistry();
        NamedParameterJdbcTemplate jdbc = timingOut(statusDb, QUERY_SECONDS);
        Versions versions = new Versions(jdbc, new Reports(s3, bucket, refiner, clock));
        registry.bind("statusProgress", new ProgressResource(jdbc, nextTick, setup.batchSize(), setup.periodMillis(),
                setup.onDelete(), clock));
        registry.bind("statusBatches", new BatchesResource(jdbc));
        registry.bind("statusFiles", new FilesResource(versions, setup.rejectedText(), refiner.rules()));
        registry.bind("statusFileObjects", new FileObjectsResource(versions, s3, bucket, refiner,
                setup.rejectedText()));
        registry.bind("statusRejects", new RejectsResource(jdbc, versions, setup.rejectedText()));
        registry.bind("statusInstances", new InstancesResource(jdbc, setup.instanceId()));
        registry.bind("statusInsight", new InsightResource(jdbc,
                new Insight(timingOut(statusDb, INSIGHT_SECONDS), background, clock)));
        registry.bind("statusAudit", new AuditResource(audit));
        registry.bind("statusOpenApi", new OpenApiDocument(context));
        registry.bind("statusErrors", new StatusErrors());
        registry.bind("statusHeaders", new StatusHeaders());
    }

    private static NamedParameterJdbcTemplate timingOut(DataSource dataSource, int seconds) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.setQueryTimeout(seconds);
        return new NamedParameterJdbcTemplate(jdbc);
    }
}
