package io.adultetl.observe;

import io.adultetl.connect.UrlCredentials;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in whatever the service shows (logs, health details, the configuration summary, pages): a
 * credential setting's whole value, and the secret part only of a value that carries one, such as a URL's
 * {@code user:password@} or a {@code password=} parameter, so the rest stays readable.
 */
public final class Secrets {

    public static final String MASK = "****";

    // words that name a credential, in a setting's key or a parameter's name
    private static final String SECRET_WORDS = "password|passwd|pwd|secret|token|passphrase";
    // the last segment of a setting's key, without '-' and '_', that makes its whole value a credential
    private static final Pattern CREDENTIAL_KEY =
            Pattern.compile(SECRET_WORDS + "|credential|accesskey|apikey|privatekey");
    // scheme://user:password@ up to the last '@' of the authority (group 2 is the password)
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/?#@\\s]*):([^/?#\\s]*)@");
    // password=..., ?sslpassword=..., secret-key = ... (group 2 is the value)
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)(?<![\\w.-])([\\w.-]*(?:" + SECRET_WORDS + ")[\\w.-]*[ \\t]*=[ \\t]*)([^&;,\\s]+)");
    // shorter values are masked where they look like credentials, not wherever they appear (every "1" in a text...)
    private static final int MIN_REMEMBERED = 4;
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    /** Whether a setting holds a credential as a whole: its key's last segment names one (db.password, s3.secret-key). */
    public static boolean isCredentialKey(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return CREDENTIAL_KEY.matcher(last).find();
    }

    /** The value of a setting as it may be shown: a credential's empty value stays empty, so a missing one shows. */
    public static String show(String key, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return isCredentialKey(key) ? MASK : mask(value);
    }

    /**
     * Remembers the credentials a setting holds, so {@link #mask} hides them wherever they turn up later, e.g. in a
     * driver's exception message, and not only where they look like one.
     */
    public static void remember(String key, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (isCredentialKey(key)) {
            rememberValue(value);
        }
        for (Pattern pattern : new Pattern[] {USER_INFO, PARAMETER}) {
            Matcher matcher = pattern.matcher(value);
            while (matcher.find()) {
                rememberValue(matcher.group(2));
            }
        }
    }

    /** Remembers a credential that is no setting's value (a users file's password), for {@link #mask}. */
    public static void rememberCredential(String value) {
        rememberValue(value);
    }

    /** The text with every remembered credential and everything that looks like one replaced by {@value #MASK}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : KNOWN.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        masked = USER_INFO.matcher(masked).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@");
        return PARAMETER.matcher(masked).replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }

    /** An exception's cause chain as one line of messages, masked, without stack traces. */
    public static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < 500; t = t.getCause()) {
            if (t.getMessage() != null && text.indexOf(t.getMessage()) < 0) {
                text.append(text.length() == 0 ? "" : " <- ").append(t.getMessage());
            }
        }
        return text.length() == 0 ? cause.getClass().getSimpleName() : mask(text.toString());
    }

    private static void rememberValue(String value) {
        for (String form : new String[] {value, UrlCredentials.decode(value)}) {
            if (form.length() >= MIN_REMEMBERED && !form.equals(MASK)) {
                KNOWN.add(form);
            }
        }
    }
}
