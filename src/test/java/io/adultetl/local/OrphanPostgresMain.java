package io.adultetl.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Child-JVM entry point for LocalPostgresTest: starts PostgreSQL, writes a row, then waits to be killed. */
public final class OrphanPostgresMain {

    private OrphanPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        LocalPostgres postgres = LocalPostgres.start(Path.of(args[0]), 0);
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE marker (note text)");
            s.execute("INSERT INTO marker VALUES ('written before kill -9')");
        }
        System.out.println("READY " + postgres.port());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
