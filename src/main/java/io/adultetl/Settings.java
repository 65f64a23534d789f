package io.adultetl;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.camel.spi.PropertiesComponent;

/** Typed access to {@code application.properties}, where every tunable and its default live. */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** The value, or "" when set empty; a key missing altogether is a broken configuration file. */
    public String get(String key) {
        return properties.resolveProperty(key).map(String::trim).orElseThrow(() -> new IllegalStateException(
                "Property " + key + " is missing from application.properties"));
    }

    public long getLong(String key) {
        String value = get(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Property " + key + " must be a whole number, not '" + value + "'", e);
        }
    }

    /** The constant of {@code modes} the value names, in any case ({@code keep}, {@code KEEP}); else refused. */
    public <E extends Enum<E>> E getMode(String key, Class<E> modes) {
        String value = get(key);
        for (E mode : modes.getEnumConstants()) {
            if (mode.name().equalsIgnoreCase(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(named(key) + " must be " + Arrays.stream(modes.getEnumConstants()).map(m -> m.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(" or ")) + ", not '" + value + "'");
    }

    /** The setting and its environment variable, as messages name them: {@code adult.batch.size (ADULT_BATCH_SIZE)}. */
    public static String named(String key) {
        return key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }

    public int getInt(String key) {
        long value = getLong(key);
        if (value != (int) value) {
            throw new IllegalStateException("Property " + key + " must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) value;
    }
}
