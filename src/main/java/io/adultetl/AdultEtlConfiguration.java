package io.adultetl;

import com.zaxxer.hikari.HikariDataSource;
import io.adultetl.clean.RecordCleaner;
import io.adultetl.cluster.InstanceId;
import io.adultetl.cluster.InstanceLock;
import io.adultetl.cluster.LoadTrigger;
import io.adultetl.cluster.RefineClaims;
import io.adultetl.cluster.TriggerStoreErrors;
import io.adultetl.connect.Database;
import io.adultetl.connect.S3Connection;
import io.adultetl.connect.S3Objects;
import io.adultetl.load.BatchCopy;
import io.adultetl.load.BatchReader;
import io.adultetl.load.IdleTicks;
import io.adultetl.local.LocalMode;
import io.adultetl.local.LocalS3Server;
import io.adultetl.observe.DependencyCheck;
import io.adultetl.observe.GuardedPolls;
import io.adultetl.observe.HttpSummary;
import io.adultetl.observe.Outage;
import io.adultetl.observe.PipelineMetrics;
import io.adultetl.refine.ObjectRefiner;
import io.adultetl.refine.Quarantine;
import io.adultetl.refine.RawObjects;
import io.adultetl.refine.RefineQueue;
import io.adultetl.run.RunMode;
import io.adultetl.run.RunOnce;
import io.adultetl.status.Audit;
import io.adultetl.status.NextTick;
import io.adultetl.status.RejectedText;
import io.adultetl.status.StatusBeans;
import io.adultetl.state.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Wires the beans the routes use from {@code application.properties}: the S3 client, the PostgreSQL pool and
 * its transaction policy, the refiner, the batch reader, health checks and metrics; starts the embedded servers
 * in local mode.
 */
public class AdultEtlConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AdultEtlConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        Settings settings = new Settings(properties);
        RunMode mode = RunMode.of(settings.get("adult.run.mode"));
        IntConsumer exit = exit(context);
        // closed in reverse order on stop, or at once if start-up fails half-way
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            RejectedText rejectedText = settings.getMode("adult.status.raw-text", RejectedText.class);
            long auditInterval = settings.getLong("adult.audit.interval");
            LocalMode local = LocalMode.start(settings);
            opened.push(local);

            S3Client s3 = S3Connection.create(local.s3Endpoint(), settings.get("adult.s3.region"),
                    local.s3AccessKey(), local.s3SecretKey());
            opened.push(s3);
            String bucket = settings.get("adult.s3.bucket");
            if (local.s3Embedded()) {
                S3Connection.ensureBucket(s3, bucket);
            }

            String instanceId = InstanceId.resolve(settings.get("adult.instance.id"));
            int concurrency = settings.getInt("adult.refine.concurrency");
            // one process per id, whenever they start; the lock's session is not the pool's to recycle
            int checkin = settings.getInt("adult.cluster.checkin-interval");
            InstanceLock lock = InstanceLock.take(() -> Database.session(local.dbUrl(), local.dbUser(),
                    local.dbPassword(), instanceId), instanceId, checkin);
            opened.push(lock);
            lock.keep(context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "InstanceLock"),
                    checkin, () -> exit.accept(1));
            // a connection per refine registering a part, and one each for the loader, the listing and the claims
            HikariDataSource dataSource = Database.pool("adult-db", concurrency + 3, local.dbUrl(), local.dbUser(),
                    local.dbPassword(), instanceId);
            opened.push(dataSource);
            Schema.migrate(dataSource);
            HikariDataSource quartzStore = Database.pool("adult-quartz", 3, local.dbUrl(), local.dbUser(),
                    local.dbPassword(), instanceId);
            opened.push(quartzStore);
            long period = clusterPeriod(dataSource, instanceId, settings.getInt("adult.batch.period"));
            useClusteredQuartz(context, quartzStore, instanceId, checkin, period,
                    settings.getInt("adult.retry.initial-delay"));

            context.getRegistry().bind("s3Client", s3);
            context.getRegistry().bind("dataSource", dataSource);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            context.getRegistry().bind("required", new SpringTransactionPolicy(transactions));
            context.getRegistry().bind("s3Objects", new S3Objects(s3, bucket));
            Quarantine quarantine = Quarantine.of(settings.get("adult.refine.max-reject-ratio"));
            ObjectRefiner refiner = new ObjectRefiner(cleaner(), Path.of(settings.get("adult.refine.spool-dir")),
                    settings.get("adult.s3.raw-prefix"), settings.get("adult.s3.refined-prefix"),
                    settings.getLong("adult.refine.part-size"), quarantine);
            context.getRegistry().bind("refiner", refiner);
            RawObjects rawObjects = new RawObjects(s3, bucket, settings.get("adult.s3.raw-prefix"), refiner,
                    local.s3Embedded() ? LocalS3Server::isUploadInProgress : key -> false);
            context.getRegistry().bind("rawObjects", rawObjects);
            RefineQueue.OnDelete onDelete = settings.getMode("adult.raw.on-delete", RefineQueue.OnDelete.class);
            RefineQueue refineQueue = new RefineQueue(dataSource, transactions, instanceId, onDelete, refiner.rules(),
                    settings.getMode("adult.refine.on-rules-change", RefineQueue.OnRulesChange.class), quarantine);
            context.getRegistry().bind("refineQueue", refineQueue);
            context.getRegistry().bind("batchReader", new BatchReader(s3, bucket,
                    settings.getInt("adult.batch.size"), period,
                    context.getExecutorServiceManager().newSingleThreadExecutor(this, "BatchReadAhead")));
            context.getRegistry().bind("batchCopy", new BatchCopy(dataSource));
            context.getRegistry().bind("idleTicks", new IdleTicks(settings.getInt("adult.batch.idle-recheck"),
                    Clock.systemUTC()));

            // observability: outages reported once with backoff, readiness per dependency, Prometheus metrics
            Outage loadOutage = Outage.of("Loading", settings);
            context.getRegistry().bind("loadOutage", loadOutage);
            context.getComponent("quartz", QuartzComponent.class).addScheduleInitTask(scheduler ->
                    scheduler.getListenerManager().addSchedulerListener(new TriggerStoreErrors(loadOutage)));
            Outage refineOutage = Outage.of("Refining", settings);
            context.getRegistry().bind("refineOutage", refineOutage);
            GuardedPolls listRawPolls = new GuardedPolls("list-raw", refineOutage);
            context.getRegistry().bind("listRawPolls", listRawPolls);
            context.getRegistry().bind("listRawPollsHealth", listRawPolls.health());
            if (local.s3Embedded()) {
                GuardedPolls localSeedPolls = new GuardedPolls("local-seed", null);
                context.getRegistry().bind("localSeedPolls", localSeedPolls);
                context.getRegistry().bind("localSeedPollsHealth", localSeedPolls.health());
            }
            RefineClaims claims = new RefineClaims(dataSource, instanceId, settings.getInt("adult.refine.claim-lease"),
                    refineOutage, context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "RefineClaims"));
            context.getRegistry().bind("refineClaims", claims);
            context.getRegistry().bind("s3Ready", new DependencyCheck("s3", () -> s3.headBucket(b -> b.bucket(bucket))));
            context.getRegistry().bind("postgresReady", new DependencyCheck("postgresql", () -> {
                try (Connection connection = dataSource.getConnection()) {
                    if (!connection.isValid(5)) {
                        throw new SQLException("the connection to PostgreSQL does not answer");
                    }
                }
            }));
            PipelineMetrics metrics = new PipelineMetrics(() -> MicrometerUtils
                    .getMeterRegistryFromCamelRegistry(context.getRegistry(), MicrometerConstants.METRICS_REGISTRY_NAME),
                    loadOutage, refineOutage).watching(rawObjects, claims);
            context.getRegistry().bind("metrics", metrics);
            // every meter is there from the start: an outage before the first batch shows too
            context.addStartupListener((camel, alreadyStarted) -> metrics.register());
            if (mode == RunMode.ONCE) {
                RunOnce once = new RunOnce(dataSource, refineQueue, metrics, settings.getLong("adult.run.max-outage"),
                        exit, Clock.systemUTC(), loadOutage, refineOutage);
                ScheduledExecutorService watcher = context.getExecutorServiceManager()
                        .newSingleThreadScheduledExecutor(this, "RunOnce");
                // as often as batches come, and at least every second
                context.addStartupListener((camel, alreadyStarted) -> once.watch(watcher, Math.min(period, 1_000)));
            }

            // the status page's API: a read-only pool of its own, so viewers never hold up the loader
            HikariDataSource statusDb = Database.statusPool(local.dbUrl(), local.dbUser(), local.dbPassword(), instanceId);
            opened.push(statusDb);
            Audit audit = new Audit(statusDb, s3, bucket, refiner,
                    context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "Audit"), auditInterval,
                    Clock.systemUTC());
            opened.push(audit);
            metrics.auditing(audit::mismatches);
            context.addStartupListener((camel, alreadyStarted) -> audit.start());
            StatusBeans.bind(context, new StatusBeans.Setup(instanceId, settings.getInt("adult.batch.size"),
                    period, onDelete.setting(), rejectedText), statusDb, s3, bucket, refiner,
                    new NextTick(context, "load"),
                    context.getExecutorServiceManager().newSingleThreadExecutor(this, "StatusInsight"), audit,
                    Clock.systemUTC());

            // derived values the routes read as placeholders
            properties.addOverrideProperty("adult.batch.cluster-period", String.valueOf(period));
            properties.addOverrideProperty("adult.batch.misfire-instruction",
                    String.valueOf(LoadTrigger.misfireInstruction(period)));

            HttpSummary.logWhenStarted(context, settings.getInt("adult.http.port"),
                    settings.getInt("adult.http.management-port"));
            context.addService(new CloseOnStop(opened));
            local.logHowToReach(bucket);
        } catch (Exception | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The cleaning rules: the code's own; a test's subclass of this configuration may put other rules in. */
    protected RecordCleaner cleaner() {
        return new RecordCleaner();
    }

    /**
     * The load period: the configured one, unless another live instance of the cluster fires the stored trigger at
     * another: that one is the cluster's pace, and this instance says so instead of rescheduling the others.
     */
    private static long clusterPeriod(DataSource dataSource, String instanceId, long configured) throws SQLException {
        OptionalLong stored = LoadTrigger.clusterPeriod(dataSource, instanceId);
        if (stored.isPresent() && stored.getAsLong() != configured) {
            LOG.warn("adult.batch.period is {} ms here, but the running instances load every {} ms: this instance "
                    + "keeps their pace (stop them all to change it)", configured, stored.getAsLong());
            return stored.getAsLong();
        }
        return configured;
    }

    /** The load route's trigger lives in PostgreSQL, in one Quartz cluster with every other instance. */
    private static void useClusteredQuartz(CamelContext context, HikariDataSource store, String instanceId,
            long checkinMillis, long periodMillis, long retryMillis) {
        LoadTrigger.useDataSource(store);
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setProperties(LoadTrigger.quartzProperties(instanceId, checkinMillis, periodMillis, retryMillis));
        // the scheduler name is the cluster's: not prefixed with the Camel context's name
        quartz.setPrefixInstanceName(false);
        quartz.setEnableJmx(false);
    }

    /**
     * How the service ends itself with an exit code: AdultEtl's Camel Main; a Main of a test's own, which binds
     * none, ends when its context stops.
     */
    private static IntConsumer exit(CamelContext context) {
        IntConsumer main = context.getRegistry().lookupByNameAndType(AdultEtl.EXIT, IntConsumer.class);
        return main != null ? main : code -> new Thread(context::stop, "adult-etl-stop").start();
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}: {}", resource, e.getMessage());
            }
        }
    }

    /** Closes what start-up opened when the Camel context stops, after the routes. */
    private static final class CloseOnStop extends ServiceSupport {
        private final Deque<AutoCloseable> opened;

        CloseOnStop(Deque<AutoCloseable> opened) {
            this.opened = opened;
        }

        @Override
        protected void doStop() {
            closeAll(opened);
        }
    }
}
