package io.adultetl;

import io.adultetl.observe.HttpAccess;
import io.adultetl.observe.Secrets;
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

    private AdultEtl() {
    }

    public static void main(String[] args) {
        run(AdultEtlConfiguration.class, args);
    }

    /** Runs the service wired by {@code configuration} (the service's own, or a test's subclass of it) to its exit. */
    static void run(Class<? extends AdultEtlConfiguration> configuration, String[] args) {
        int exitCode;
        try {
            exitCode = newMain(configuration).run(args);
        } catch (Throwable e) {
            // one line, credentials masked; the stack trace only for those who ask (DEBUG), as it is unmasked
            LOG.error("adult-etl failed to start: {}", Secrets.describe(e));
            LOG.debug("Start-up failure", e);
            exitCode = 1;
        }
        // embedded servers and pools own non-daemon threads: leave for sure, with the right code
        System.exit(exitCode);
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
            // before Camel Main reads camel.server.* and camel.management.*, which then ask for the login
            @Override
            public void beforeConfigure(BaseMainSupport main) {
                CamelContext context = main.getCamelContext();
                HttpAccess.of(new Settings(context.getPropertiesComponent())).apply(context);
            }
        });
        main.bind(EXIT, (IntConsumer) main::completed);
        return main;
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
