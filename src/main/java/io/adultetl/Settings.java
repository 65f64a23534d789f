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

    public int getInt(String key) {
        String value = get(key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Property " + key + " must be a whole number, not '" + value + "'", e);
        }
    }
}
