package io.adultetl;

import io.adultetl.observe.ConfigurationSummary;
import io.adultetl.observe.HttpAccess;
import io.adultetl.observe.Secrets;
import io.adultetl.run.DependencyWait;
import io.adultetl.run.RunOnce;
import java.io.IOException;
import java.util.function.IntConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the service: Camel Main with the routes under {@code routes/} and {@code application.properties}. */
public final class AdultEtl {

    private static final Logger LOG = LoggerFactory.getLogger(AdultEtl.class);
    /** The registry's name of the {@link IntConsumer} that ends the run with an exit code (Camel Main's completion). */
    public static final String EXIT = "adultEtlExit";
    /** The route files of local mode only (Camel Main's exclude pattern, matched against file:routes/...). */
    static final String LOCAL_ROUTES = "**/local-*";

    private AdultEtl() {
    }

    public static void main(String[] args) {
        run(AdultEtlConfiguration.class, args);
    }

    /** Runs the service wired by {@code configuration} (the service's own, or a test's subclass of it) to its exit. */
    static void run(Class<? extends AdultEtlConfiguration> configuration, String[] args) {
        Main main = newMain(configuration);
        int exitCode;
        try {
            exitCode = main.run(args);
        } catch (Throwable e) {
            exitCode = failed(e);
            // Camel Main's shutdown hook would otherwise take the exit for a SIGTERM and say so
            main.completed();
        }
        // embedded servers and pools own non-daemon threads: leave for sure, with the right code
        System.exit(exitCode);
    }

    /**
     * Logs why the start failed in one line, credentials masked, and returns the exit code: a setting's own message
     * (what to change, without the exceptions behind it), else the causes; the stack trace only for those who ask
     * (DEBUG), as it is unmasked.
     */
    static int failed(Throwable e) {
        LOG.debug("Start-up failure", e);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DependencyWait.GaveUp) {
                LOG.error(Secrets.mask(t.getMessage()));
                return RunOnce.GAVE_UP;
            }
        }
        LOG.error("adult-etl failed to start: {}", reason(e));
        return 1;
    }

    /**
     * The message of the first configuration error in the chain (what this service throws about a setting, which says
     * what to change), else the chain of messages.
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof IllegalArgumentException || t instanceof IllegalStateException) && t.getMessage() != null
                    && t.getStackTrace().length > 0 && t.getStackTrace()[0].getClassName().startsWith("io.adultetl.")) {
                return Secrets.mask(t.getMessage());
            }
        }
        return Secrets.describe(e);
    }

    /** A Camel Main wired with the service's configuration; properties come from the working directory first. */
    public static Main newMain() {
        return newMain(AdultEtlConfiguration.class);
    }

    private static Main newMain(Class<? extends AdultEtlConfiguration> configuration) {
        ExitingMain main = new ExitingMain();
        main.setPropertyPlaceholderLocations(propertiesLocation());
        main.configure().addConfiguration(configuration);
        main.addMainListener(new MainListenerSupport() {
            // before anything starts: every setting checked, then the dependencies waited for; and before Camel Main
            // reads camel.server.* and camel.management.* (which then ask for the login) and collects the routes
            @Override
            public void beforeConfigure(BaseMainSupport main) {
                CamelContext context = main.getCamelContext();
                ConfigurationSummary.log(context.getPropertiesComponent());
                Settings settings = new Settings(context.getPropertiesComponent());
                SettingsCheck.check(settings);
                HttpAccess.of(settings).apply(context);
                if (!settings.get("adult.s3.endpoint").isEmpty()) {
                    // local-*.camel.* routes serve the embedded S3 server only: not even created without it
                    main.configure().setRoutesExcludePattern(LOCAL_ROUTES);
                }
                awaitDependencies(settings);
            }
        });
        main.bind(EXIT, (IntConsumer) main::completed);
        return main;
    }

    private static void awaitDependencies(Settings settings) {
        try {
            DependencyWait.of(settings).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for S3 and PostgreSQL", e);
        } catch (IOException e) {
            throw new IllegalStateException("adult.http.host and adult.http.management-port (ADULT_HTTP_HOST, "
                    + "ADULT_HTTP_MANAGEMENT_PORT): cannot listen there for health while waiting for S3 and PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    /** Camel Main that can be completed with an exit code of the service's choosing, which run() then returns. */
    private static final class ExitingMain extends Main {
        void completed(int code) {
            // the first code given wins, as with Camel Main's own
            exitCode.compareAndSet(UNINITIALIZED_EXIT_CODE, code);
            completed();
        }
    }

    /** The file {@code ADULT_CONFIG} names, else ./application.properties: always a file users can edit. */
    static String propertiesLocation() {
        String explicit = System.getenv("ADULT_CONFIG");
        return "file:" + (explicit != null && !explicit.isBlank() ? explicit : "application.properties");
    }
}
