package io.adultetl.run;

import java.util.Locale;

/** {@code adult.run.mode}: run until stopped, or load what raw/ holds now and exit. */
public enum RunMode {
    /** Lists, refines and loads until stopped (SIGTERM). */
    SERVICE,
    /** Refines and loads what raw/ holds at the start, then exits: 0 once nothing waits, {@link RunOnce#GAVE_UP} if it cannot. */
    ONCE;

    /** The mode of the setting's value, {@code service} or {@code once}. */
    public static RunMode of(String setting) {
        for (RunMode mode : values()) {
            if (mode.name().equalsIgnoreCase(setting.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("adult.run.mode (ADULT_RUN_MODE) must be service or once, not '" + setting + "'");
    }

    /** As the setting writes it. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }
}
