import io.adultetl.clean.Cleaned;
import io.adultetl.clean.Column;
import io.adultetl.clean.RecordCleaner;
import io.adultetl.load.AdultSchema;
import io.adultetl.refine.RefinedCsv;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * How long PostgreSQL takes to take one 1,630-record batch of the real refined rows, by the shape of the statement,
 * on an embedded server configured as local mode is (fsync and synchronous_commit on): 19 batches into a fresh
 * table per round, two rounds per shape, medians printed. Run from the project folder after bench/run has built:
 *
 *     java -cp "target/classes:$(cat target/bench/service.classpath)" bench/CopyVsInsert.java
 */
public class CopyVsInsert {

    private static final String[] SHAPES = {"unnest-insert-on-conflict", "unnest-insert", "copy-csv", "copy-text",
            "copy-csv-no-checks", "copy-csv-no-primary-key", "copy-csv-unlogged"};

    public static void main(String[] args) throws Exception {
        List<String> refined = new ArrayList<>();
        RecordCleaner cleaner = new RecordCleaner();
        int lineNo = 0;
        for (String line : Files.readAllLines(Path.of("data/adult.data"))) {
            lineNo++;
            if (cleaner.clean(line) instanceof Cleaned.Valid valid) {
                StringWriter out = new StringWriter();
                RefinedCsv.write(out, lineNo, valid.values());
                refined.add(out.toString().strip());
            }
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setServerConfig("wal_init_zero", "off").start()) {
            DataSource dataSource = pg.getPostgresDatabase();
            AdultSchema.install(dataSource);
            System.out.printf("%-28s %14s %14s%n", "shape", "write p50 ms", "commit p50 ms");
            for (String shape : SHAPES) {
                List<Double> writes = new ArrayList<>();
                List<Double> commits = new ArrayList<>();
                for (int round = 0; round < 2; round++) {
                    run(dataSource, shape, refined, writes, commits);
                }
                System.out.printf("%-28s %14.1f %14.1f%n", shape, median(writes), median(commits));
            }
        }
    }

    private static void run(DataSource dataSource, String shape, List<String> refined, List<Double> writes,
            List<Double> commits) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists adult cascade");
            AdultSchema.install(dataSource); // the table as the service creates it: 15 CHECKs and the primary key
            if (shape.endsWith("no-checks")) {
                for (Column column : Column.values()) {
                    s.execute("alter table adult drop constraint adult_" + column.sqlName() + "_valid");
                }
            }
            if (shape.endsWith("no-primary-key")) {
                s.execute("alter table adult drop constraint adult_pkey");
            }
            if (shape.endsWith("unlogged")) {
                s.execute("alter table adult set unlogged");
            }
            c.setAutoCommit(false);
            for (int b = 0; b < 19; b++) {
                List<String> lines = refined.subList(b * 1630, Math.min(refined.size(), (b + 1) * 1630));
                long start = System.nanoTime();
                if (shape.startsWith("copy")) {
                    copy(c, shape.equals("copy-text"), lines, b);
                } else {
                    insert(c, shape.endsWith("on-conflict"), lines, b);
                }
                long written = System.nanoTime();
                c.commit();
                long committed = System.nanoTime();
                if (b > 0) { // the first batch of each round warms the statement and the table
                    writes.add((written - start) / 1e6);
                    commits.add((committed - written) / 1e6);
                }
            }
        }
    }

    private static void copy(Connection c, boolean text, List<String> lines, long batch) throws Exception {
        StringBuilder data = new StringBuilder(lines.size() * 160);
        for (String line : lines) {
            data.append(line).append(",\"raw/adult.data\",").append(batch).append('\n');
        }
        String format = text ? "(format text, delimiter ',', null '')" : "(format csv)";
        c.unwrap(PGConnection.class).getCopyAPI().copyIn(AdultSchema.copySql().replace("(format csv)", format),
                new StringReader(text ? data.toString().replace("\"", "") : data.toString()));
    }

    /** The shape the loader had before COPY: one statement, one array per column, unnested by PostgreSQL. */
    private static void insert(Connection c, boolean onConflict, List<String> lines, long batch) throws Exception {
        Column[] columns = Column.values();
        List<String> names = new ArrayList<>();
        List<String> arrays = new ArrayList<>();
        for (Column column : columns) {
            names.add(column.sqlName());
            arrays.add("?::" + column.sqlType() + "[]");
        }
        names.addAll(List.of("source_key", "source_line", "load_batch"));
        arrays.addAll(List.of("?::text[]", "?::integer[]", "?::bigint[]"));
        String sql = "insert into adult (" + String.join(", ", names) + ") select * from unnest("
                + String.join(", ", arrays) + ")" + (onConflict ? " on conflict (source_key, source_line) do nothing" : "");
        Object[][] values = new Object[columns.length + 3][];
        for (int i = 0; i < columns.length; i++) {
            values[i] = columns[i].isInteger() ? new Integer[lines.size()] : new String[lines.size()];
        }
        values[columns.length] = new String[lines.size()];
        values[columns.length + 1] = new Integer[lines.size()];
        values[columns.length + 2] = new Long[lines.size()];
        for (int r = 0; r < lines.size(); r++) {
            String[] fields = RefinedCsv.split(lines.get(r));
            for (int i = 0; i < columns.length; i++) {
                String v = fields[i + 1];
                values[i][r] = v.isEmpty() ? null : columns[i].isInteger() ? (Object) Integer.valueOf(v) : v;
            }
            values[columns.length][r] = "raw/adult.data";
            values[columns.length + 1][r] = Integer.valueOf(fields[0]);
            values[columns.length + 2][r] = batch;
        }
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }
}
