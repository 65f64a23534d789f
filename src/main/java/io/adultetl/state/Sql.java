package io.adultetl.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's SQL statements, one per file under {@code sql/} on the classpath: the routes' {@code sql:} endpoints
 * read them with {@code classpath:sql/...}, the DAOs with {@link #get}, so each statement is written once.
 */
public final class Sql {

    private static final Map<String, String> LOADED = new ConcurrentHashMap<>();

    private Sql() {
    }

    /** The statement of {@code sql/<name>.sql}, e.g. {@code get("refine/claim")}. */
    public static String get(String name) {
        return LOADED.computeIfAbsent(name, Sql::read);
    }

    private static String read(String name) {
        String path = "/sql/" + name + ".sql";
        try (InputStream in = Sql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path, e);
        }
    }
}
