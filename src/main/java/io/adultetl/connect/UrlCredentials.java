package io.adultetl.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A URL with its {@code user:password@} taken out: the clients get the credentials apart, so the URL they keep
 * (and may print in an error) carries none.
 *
 * @param url the URL without user info
 * @param user the user, decoded
 * @param password the password, decoded
 */
public record UrlCredentials(String url, String user, String password) {

    /**
     * The URL without its user info and the login to use: the URL's user and password win over the given ones,
     * which stand in for what the URL leaves out (a URL's user without a password takes the given password).
     */
    public static UrlCredentials of(String url, String user, String password) {
        return split(url)
                .map(inUrl -> new UrlCredentials(inUrl.url(), inUrl.user(), inUrl.password() != null ? inUrl.password() : password))
                .orElse(new UrlCredentials(url, user, password));
    }

    /** The URL's credentials (a null password if it has none), if its authority holds a user. */
    private static Optional<UrlCredentials> split(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return Optional.empty();
        }
        start += 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        // the last '@': a password may hold one unescaped
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return Optional.empty();
        }
        String userInfo = url.substring(start, at);
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        return Optional.of(new UrlCredentials(url.substring(0, start) + url.substring(at + 1), user, password));
    }

    /** Percent-decoding as in a URL's user info, where '+' is itself; the text as it is if it is no valid escape. */
    public static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
