package io.adultetl.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The query string of one API request, checked against the parameters the request takes: an unknown or repeated
 * parameter, a malformed escape, or a value that is not what the parameter takes is a {@link StatusError} 400 with a
 * message saying which and why. Values are only ever used as bound SQL parameters, or compared with known names.
 */
final class Query {

    /** A longer value is refused unread: no parameter needs one. */
    private static final int MAX_VALUE_LENGTH = 200;
    private static final int MAX_ECHO = 40;

    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    /** @param raw the query string as received (without '?'), or null; {@code allowed} the names it may hold */
    static Query parse(String raw, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!allowed.contains(name)) {
                    String takes = allowed.isEmpty() ? "no parameters"
                            : String.join(", ", allowed.stream().sorted().toList());
                    throw StatusError.badRequest("unknown parameter '" + echo(name) + "': this request takes " + takes);
                }
                if (value.length() > MAX_VALUE_LENGTH) {
                    throw StatusError.badRequest(name + " is longer than " + MAX_VALUE_LENGTH + " characters");
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw StatusError.badRequest(name + " is given more than once");
                }
            }
        }
        return new Query(values);
    }

    /** The value, or null when absent or empty. */
    String text(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A whole number in [min, max], or {@code otherwise} when absent. */
    int number(String name, int otherwise, int min, int max) {
        String value = text(name);
        return value == null ? otherwise : number(name, value, min, max);
    }

    /** {@code value} as a whole number in [min, max] (decimal digits only: no sign, space, fraction or exponent). */
    static int number(String name, String value, int min, int max) {
        boolean digits = value != null && !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || value.length() > 9) {
            throw StatusError.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '"
                    + echo(value) + "'");
        }
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
            throw StatusError.badRequest(name + " must be from " + min + " to " + max + ", not " + number);
        }
        return number;
    }

    /** The value if it is one of {@code known}, else a 400 that lists them. */
    String oneOf(String name, Set<String> known) {
        String value = text(name);
        if (value != null && !known.contains(value)) {
            throw StatusError.badRequest("unknown " + name + " '" + echo(value) + "': one of "
                    + String.join(", ", known));
        }
        return value;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw StatusError.badRequest("the query string is not well encoded: " + e.getMessage());
        }
    }

    /** A value quoted back in a message: short, so a message never carries much of what a caller sent. */
    private static String echo(String value) {
        String text = value == null ? "" : value;
        return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
    }
}
