package io.adultetl;

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

    public int getInt(String key) {
        long value = getLong(key);
        if (value != (int) value) {
            throw new IllegalStateException("Property " + key + " must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) value;
    }
}
