package io.adultetl.status;

import java.util.Locale;

/** {@code adult.status.raw-text}: whether the page and the API show the text of rejected lines. */
public enum RejectedText {
    /** Line, rule, field, detail and raw text of each rejected record. */
    SHOW,
    /** Line, rule and field only: a detail quotes the bad value, and reject files hold the raw text. */
    HIDE;

    /** As the setting writes it. */
    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }
}
