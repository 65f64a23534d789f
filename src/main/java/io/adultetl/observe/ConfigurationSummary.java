package io.adultetl.observe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesResolvedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every setting at start-up with where its value came from, credentials masked. It replaces Camel's own
 * summary (camel.main.auto-configuration-log-summary), which masks credential keys but prints a password inside
 * a URL as it is.
 */
public final class ConfigurationSummary {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationSummary.class);

    private ConfigurationSummary() {
    }

    /** Remembers the credentials of every setting for {@link Secrets#mask}, then logs the summary. */
    public static void log(PropertiesComponent properties) {
        List<String> lines = lines(properties);
        LOG.info("Configuration (credentials masked):");
        lines.forEach(LOG::info);
    }

    /** One line per key of the properties, in key order: {@code [source] key = value}. */
    static List<String> lines(PropertiesComponent properties) {
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.loadProperties().stringPropertyNames()) {
            String value = properties.resolveProperty(key).orElse("");
            values.put(key, value);
            Secrets.remember(key, value);
        }
        List<String> lines = new ArrayList<>();
        values.forEach((key, value) -> lines.add(String.format("    %-32s %s = %s", "[" + properties.getResolvedValue(key)
                .map(PropertiesResolvedValue::source).orElse("?") + "]", key, Secrets.show(key, value))));
        return lines;
    }
}
