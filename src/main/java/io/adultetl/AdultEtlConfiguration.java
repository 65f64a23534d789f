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
import io.adultetl.refine.ListingPace;
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
 * Wires the beans the routes use from {@code application.properties}, one factory method per component: the S3
 * client, the database (instance lock, pool, schema), the clustered load trigger, the refine, the load, the outages,
 * health checks and metrics, the run-once watch and the status API; starts the embedded servers in local mode.
 */
public class AdultEtlConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AdultEtlConfiguration.class);

    private CamelContext context;
    private Settings settings;
    private LocalMode local;
    private String instanceId;
    /** Closed in reverse order on stop, or at once if start-up fails half-way. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @Override
    public void configure(CamelContext camelContext) throws Exception {
        context = camelContext;
        settings = new Settings(context.getPropertiesComponent());
        try {
            local = opened(LocalMode.start(settings));
            instanceId = InstanceId.resolve(settings.get("adult.instance.id"));
            String bucket = settings.get("adult.s3.bucket");
            S3Client s3 = s3(bucket);
            DataSourceTransactionManager transactions = database();
            DataSource dataSource = transactions.getDataSource();
            Outage loadOutage = outage("loadOutage", "Loading");
            Outage refineOutage = outage("refineOutage", "Refining");
            long period = loadTrigger(dataSource, loadOutage);
            ObjectRefiner refiner = refiner();
            RawObjects rawObjects = rawObjects(s3, bucket, refiner);
            RefineQueue refineQueue = refineQueue(transactions, refiner);
            bind("listingPace", new ListingPace(refineQueue::changedSinceAsked,
                    settings.getLong("adult.refine.poll-delay")));
            RefineClaims claims = refineClaims(dataSource, refineOutage);
            load(s3, bucket, dataSource, period);
            PipelineMetrics metrics = observe(s3, bucket, loadOutage, refineOutage, rawObjects, claims);
            runOnce(dataSource, refineQueue, metrics, period, loadOutage, refineOutage);
            status(s3, bucket, refiner, period, metrics);
            HttpSummary.logWhenStarted(context, settings.getInt("adult.http.port"),
                    settings.getInt("adult.http.management-port"));
            context.addService(new CloseOnStop(opened));
            local.logHowToReach(bucket);
        } catch (Exception | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The S3 client every aws2-s3 endpoint uses (camel.component.aws2-s3.amazon-s3-client), and the seed's check. */
    private S3Client s3(String bucket) {
        S3Client s3 = opened(S3Connection.create(local.s3Endpoint(), settings.get("adult.s3.region"),
                local.s3AccessKey(), local.s3SecretKey()));
        if (local.s3Embedded()) {
            S3Connection.ensureBucket(s3, bucket);
        }
        bind("s3Client", s3);
        bind("s3Objects", new S3Objects(s3, bucket));
        return s3;
    }

    /**
     * This instance's lock on its id, then the pool and the schema; binds the pool (the sql endpoints') and the
     * transaction policy {@code required} over it.
     */
    private DataSourceTransactionManager database() throws SQLException, InterruptedException {
        // one process per id, whenever they start; the lock's session is not the pool's to recycle
        int checkin = settings.getInt("adult.cluster.checkin-interval");
        InstanceLock lock = opened(InstanceLock.take(() -> Database.session(local.dbUrl(), local.dbUser(),
                local.dbPassword(), instanceId), instanceId, checkin));
        IntConsumer exit = exit(context);
        lock.keep(context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "InstanceLock"),
                checkin, () -> exit.accept(1));
        // a connection per refine registering a part, and one each for the loader, the listing and the claims
        HikariDataSource dataSource = opened(Database.pool("adult-db", settings.getInt("adult.refine.concurrency") + 3,
                local.dbUrl(), local.dbUser(), local.dbPassword(), instanceId));
        Schema.migrate(dataSource);
        bind("dataSource", dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        bind("required", new SpringTransactionPolicy(transactions));
        return transactions;
    }

    /**
     * The load route's trigger lives in PostgreSQL, in one Quartz cluster with every other instance; its period is
     * the configured one unless the cluster's differs. Returns that period, which the route reads as placeholders.
     * The trigger store's failures are the load's outage.
     */
    private long loadTrigger(DataSource dataSource, Outage loadOutage) throws SQLException {
        HikariDataSource store = opened(Database.pool("adult-quartz", 3, local.dbUrl(), local.dbUser(),
                local.dbPassword(), instanceId));
        long period = clusterPeriod(dataSource, instanceId, settings.getInt("adult.batch.period"));
        LoadTrigger.useDataSource(store);
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setProperties(LoadTrigger.quartzProperties(instanceId, settings.getInt("adult.cluster.checkin-interval"),
                period, settings.getInt("adult.retry.initial-delay")));
        // the scheduler name is the cluster's: not prefixed with the Camel context's name
        quartz.setPrefixInstanceName(false);
        quartz.setEnableJmx(false);
        quartz.addScheduleInitTask(scheduler ->
                scheduler.getListenerManager().addSchedulerListener(new TriggerStoreErrors(loadOutage)));
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.addOverrideProperty("adult.batch.cluster-period", String.valueOf(period));
        properties.addOverrideProperty("adult.batch.misfire-instruction",
                String.valueOf(LoadTrigger.misfireInstruction(period)));
        return period;
    }

    /** A work's outages, reported once and retried with backoff (adult.retry.*). */
    private Outage outage(String name, String work) {
        Outage outage = Outage.of(work, settings);
        bind(name, outage);
        return outage;
    }

    private ObjectRefiner refiner() {
        ObjectRefiner refiner = new ObjectRefiner(cleaner(), Path.of(settings.get("adult.refine.spool-dir")),
                settings.get("adult.s3.raw-prefix"), settings.get("adult.s3.refined-prefix"),
                settings.getLong("adult.refine.part-size"), quarantine());
        bind("refiner", refiner);
        return refiner;
    }

    /** The listing of raw/; in local mode an object the embedded server still receives is left for the next one. */
    private RawObjects rawObjects(S3Client s3, String bucket, ObjectRefiner refiner) {
        RawObjects rawObjects = new RawObjects(s3, bucket, settings.get("adult.s3.raw-prefix"), refiner,
                local.s3Embedded() ? LocalS3Server::isUploadInProgress : key -> false);
        bind("rawObjects", rawObjects);
        return rawObjects;
    }

    private RefineQueue refineQueue(DataSourceTransactionManager transactions, ObjectRefiner refiner) {
        RefineQueue refineQueue = new RefineQueue(transactions.getDataSource(), transactions, instanceId, onDelete(),
                refiner.rules(), settings.getMode("adult.refine.on-rules-change", RefineQueue.OnRulesChange.class),
                quarantine());
        bind("refineQueue", refineQueue);
        return refineQueue;
    }

    private RefineClaims refineClaims(DataSource dataSource, Outage refineOutage) {
        RefineClaims claims = new RefineClaims(dataSource, instanceId, settings.getInt("adult.refine.claim-lease"),
                refineOutage, context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "RefineClaims"));
        bind("refineClaims", claims);
        return claims;
    }

    /** The batch's read from S3, its COPY, and the idle ticks that skip PostgreSQL while nothing waits. */
    private void load(S3Client s3, String bucket, DataSource dataSource, long period) {
        bind("batchReader", new BatchReader(s3, bucket, settings.getInt("adult.batch.size"), period,
                context.getExecutorServiceManager().newSingleThreadExecutor(this, "BatchReadAhead")));
        bind("batchCopy", new BatchCopy(dataSource));
        bind("idleTicks", new IdleTicks(settings.getInt("adult.batch.idle-recheck"), Clock.systemUTC()));
    }

    /** Polls that survive an Error, readiness per dependency, and the Prometheus metrics, all there from the start. */
    private PipelineMetrics observe(S3Client s3, String bucket, Outage loadOutage,
            Outage refineOutage, RawObjects rawObjects, RefineClaims claims) throws Exception {
        guardedPolls("list-raw", "listRawPolls", refineOutage);
        if (local.s3Embedded()) {
            guardedPolls("local-seed", "localSeedPolls", null);
        }
        bind("s3Ready", new DependencyCheck("s3", () -> s3.headBucket(b -> b.bucket(bucket))));
        // a session of its own: in an outage the pool makes a request wait out its connection timeout, a refusal is at once
        bind("postgresReady", new DependencyCheck("postgresql",
                () -> Database.session(local.dbUrl(), local.dbUser(), local.dbPassword(), instanceId).close()));
        PipelineMetrics metrics = new PipelineMetrics(() -> MicrometerUtils
                .getMeterRegistryFromCamelRegistry(context.getRegistry(), MicrometerConstants.METRICS_REGISTRY_NAME),
                loadOutage, refineOutage).watching(rawObjects, claims);
        bind("metrics", metrics);
        // every meter is there from the start: an outage before the first batch shows too
        context.addStartupListener((camel, alreadyStarted) -> metrics.register());
        return metrics;
    }

    private void guardedPolls(String route, String name, Outage outage) {
        GuardedPolls polls = new GuardedPolls(route, outage);
        bind(name, polls);
        bind(name + "Health", polls.health());
    }

    /** In once mode: the watch that ends the run once nothing waits (0), or after adult.run.max-outage (2). */
    private void runOnce(DataSource dataSource, RefineQueue refineQueue, PipelineMetrics metrics, long period,
            Outage loadOutage, Outage refineOutage) throws Exception {
        if (RunMode.of(settings.get("adult.run.mode")) != RunMode.ONCE) {
            return;
        }
        RunOnce once = new RunOnce(dataSource, refineQueue, metrics, settings.getLong("adult.run.max-outage"),
                exit(context), Clock.systemUTC(), loadOutage, refineOutage);
        ScheduledExecutorService watcher = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "RunOnce");
        // as often as batches come, and at least every second
        context.addStartupListener((camel, alreadyStarted) -> once.watch(watcher, Math.min(period, 1_000)));
    }

    /** The status page's API and the self-audit: a read-only pool of their own, so viewers never hold up the loader. */
    private void status(S3Client s3, String bucket, ObjectRefiner refiner, long period, PipelineMetrics metrics)
            throws Exception {
        HikariDataSource statusDb = opened(Database.statusPool(local.dbUrl(), local.dbUser(), local.dbPassword(),
                instanceId));
        Audit audit = opened(new Audit(statusDb, s3, bucket, refiner,
                context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "Audit"),
                settings.getLong("adult.audit.interval"), Clock.systemUTC()));
        metrics.auditing(audit::mismatches);
        context.addStartupListener((camel, alreadyStarted) -> audit.start());
        StatusBeans.bind(context, new StatusBeans.Setup(instanceId, settings.getInt("adult.batch.size"), period,
                onDelete().setting(), settings.getMode("adult.status.raw-text", RejectedText.class)), statusDb, s3,
                bucket, refiner, new NextTick(context, "load"),
                context.getExecutorServiceManager().newSingleThreadExecutor(this, "StatusInsight"), audit,
                Clock.systemUTC());
    }

    private RefineQueue.OnDelete onDelete() {
        return settings.getMode("adult.raw.on-delete", RefineQueue.OnDelete.class);
    }

    private Quarantine quarantine() {
        return Quarantine.of(settings.get("adult.refine.max-reject-ratio"));
    }

    private void bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }

    /** What start-up opened is closed when the context stops, or at once when start-up fails. */
    private <T extends AutoCloseable> T opened(T resource) {
        opened.push(resource);
        return resource;
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
