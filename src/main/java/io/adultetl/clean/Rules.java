package io.adultetl.clean;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The rules a version is refined with: the revision the cleaning code owns ({@link RecordCleaner#RULES_REVISION}), which
 * says which of two rule sets is newer, and a fingerprint derived from the code, which says whether two differ.
 *
 * @param revision    raised by hand with every change of a verdict; versions refined by a lower one are refined again
 * @param fingerprint SHA-256 (hex) of what decides a verdict, never written by hand
 */
public record Rules(int revision, String fingerprint) {

    /** The rules of a cleaning class at a revision. */
    static Rules of(int revision, Class<? extends RecordCleaner> code) {
        StringBuilder text = new StringBuilder();
        // all a verdict depends on: each Column's rules, the education numbers, the rule codes, the code and revision
        text.append("revision=").append(revision).append('\n').append("code=").append(code.getName()).append('\n');
        for (Column column : Column.values()) {
            text.append(column.header()).append('|').append(column.sqlName()).append('|');
            if (column.isInteger()) {
                text.append(column.min()).append("..").append(column.max());
            } else {
                text.append(column.acceptsUnknown() ? "?|" : "|").append(String.join(",", column.domain()));
            }
            text.append('\n');
        }
        for (String level : Column.EDUCATION.domain()) {
            text.append(level).append('=').append(Column.educationNumber(level)).append('\n');
        }
        for (Rule rule : Rule.values()) {
            text.append(rule.code()).append('\n');
        }
        return new Rules(revision, sha256(text.toString()));
    }

    /** Whether a version refined by {@code other} (its revision) must be refined again by these rules. */
    public boolean supersede(int otherRevision) {
        return revision > otherRevision;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
