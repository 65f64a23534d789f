package io.adultetl.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The floor of bench/run: how long PostgreSQL itself takes to take the rows a scenario loaded, with nothing of the
 * service in the way. The rows are exported from table {@code adult} to a file, then COPYed from it (the client
 * streaming it, as {@code psql \copy} does) into an empty copy of the table ({@code like adult including all}: the
 * same columns, primary key and CHECKs), on the same server, in the same run:
 *
 * <ul>
 *   <li>{@code --batches}: batch by batch as the loader committed them ({@code load_batch}), in the same order, each
 *       COPY committed alone: the floor of each tick; with {@code --pause MS}, each after that long idle, as the
 *       ticks of a paced load come (a COPY after 10 s of idle is slower than one right after another), and with
 *       {@code --paced-from N} only from batch N on, the earlier ones back to back;</li>
 *   <li>{@code --whole [SQL condition]}: all the rows (or those the condition selects) in one COPY and one
 *       transaction: the floor of a whole load.</li>
 * </ul>
 *
 * <p>{@code java -cp ... io.adultetl.bench.CopyFloor <jdbc-url> <user> <out.json> [--batches [--pause MS
 * [--paced-from N]]] [--whole [condition]]}, the password in ADULT_DB_PASSWORD. Writes its figures as JSON to
 * {@code out.json}.
 */
public final class CopyFloor {

    private static final String TABLE = "adult_floor";
    private static final String ORDER = " order by load_batch, source_key, source_line";

    private CopyFloor() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: CopyFloor <jdbc-url> <user> <out.json> [--batches [--pause MS "
                    + "[--paced-from N]]] [--whole [condition]]");
            System.exit(2);
        }
        Path out = Path.of(args[2]);
        boolean batches = false;
        long pause = 0;
        long pacedFrom = 1;
        String whole = null;
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--batches")) {
                batches = true;
            } else if (args[i].equals("--pause") && i + 1 < args.length) {
                pause = Long.parseLong(args[++i]);
            } else if (args[i].equals("--paced-from") && i + 1 < args.length) {
                pacedFrom = Long.parseLong(args[++i]);
            } else if (args[i].equals("--whole")) {
                whole = i + 1 < args.length && !args[i + 1].startsWith("--") ? "where " + args[++i] : "";
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String password = System.getenv().getOrDefault("ADULT_DB_PASSWORD", "");
        Path rows = out.resolveSibling("floor-rows.copy");
        List<String> json = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(args[0], args[1], password)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            if (batches) {
                batches(c, copy, rows, pause, pacedFrom, json);
            }
            if (whole != null) {
                whole(c, copy, rows, whole, json);
            }
        } finally {
            Files.deleteIfExists(rows);
        }
        Files.writeString(out, "{\n  " + String.join(",\n  ", json) + "\n}\n");
        System.err.println("floor: " + out);
    }

    /** Each batch of the scenario again, in order, into a table that starts empty and grows as adult did. */
    private static void batches(Connection c, CopyManager copy, Path rows, long pause, long pacedFrom,
            List<String> json)
            throws SQLException, IOException, InterruptedException {
        List<long[]> sizes = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select load_batch, count(*) from adult group by load_batch order by 1")) {
            while (rs.next()) {
                sizes.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        export(copy, "select * from adult" + ORDER, rows);
        emptyCopy(c);
        List<String> batchNo = new ArrayList<>();
        List<String> records = new ArrayList<>();
        List<String> millis = new ArrayList<>();
        c.setAutoCommit(false);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(rows), 1 << 20)) {
            for (long[] batch : sizes) {
                byte[] data = lines(in, batch[1]); // read before the clock starts
                Thread.sleep(batch[0] >= pacedFrom ? pause : 0);
                long start = System.nanoTime();
                copy.copyIn(copySql(), new ByteArrayInputStream(data));
                c.commit();
                millis.add(String.format("%.3f", (System.nanoTime() - start) / 1e6));
                batchNo.add(Long.toString(batch[0]));
                records.add(Long.toString(batch[1]));
            }
        } finally {
            c.setAutoCommit(true);
            drop(c);
        }
        json.add("\"batch_no\": " + batchNo);
        json.add("\"batch_records\": " + records);
        json.add("\"batch_ms\": " + millis);
        json.add("\"batch_pause_ms\": " + pause);
        json.add("\"batch_paced_from\": " + pacedFrom);
    }

    /** The rows in one COPY and one transaction. */
    private static void whole(Connection c, CopyManager copy, Path rows, String where, List<String> json)
            throws SQLException, IOException {
        long exported = export(copy, "select * from adult " + where + ORDER, rows);
        emptyCopy(c);
        c.setAutoCommit(false);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(rows), 1 << 20)) {
            long start = System.nanoTime();
            long copied = copy.copyIn(copySql(), in);
            long copiedAt = System.nanoTime();
            c.commit();
            long committed = System.nanoTime();
            if (copied != exported) {
                throw new IllegalStateException("copied " + copied + " rows of " + exported);
            }
            json.add("\"whole_condition\": \"" + where.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            json.add("\"whole_rows\": " + copied);
            json.add(String.format("\"whole_ms\": %.1f", (committed - start) / 1e6));
            json.add(String.format("\"whole_copy_ms\": %.1f", (copiedAt - start) / 1e6));
            json.add(String.format("\"whole_commit_ms\": %.1f", (committed - copiedAt) / 1e6));
        } finally {
            c.setAutoCommit(true);
            drop(c);
        }
    }

    private static long export(CopyManager copy, String query, Path file) throws SQLException, IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            return copy.copyOut("copy (" + query + ") to stdout", out);
        }
    }

    private static String copySql() {
        return "copy " + TABLE + " from stdin";
    }

    private static void emptyCopy(Connection c) throws SQLException {
        drop(c);
        try (Statement s = c.createStatement()) {
            s.execute("create table " + TABLE + " (like adult including all)");
        }
    }

    private static void drop(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists " + TABLE);
        }
    }

    /** The next {@code count} lines of the COPY text export (one row a line: COPY escapes newlines in values). */
    private static byte[] lines(InputStream in, long count) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long seen = 0;
        int b;
        while (seen < count && (b = in.read()) >= 0) {
            data.write(b);
            if (b == '\n') {
                seen++;
            }
        }
        if (seen != count) {
            throw new IllegalStateException("export ended after " + seen + " of " + count + " lines");
        }
        return data.toByteArray();
    }
}
