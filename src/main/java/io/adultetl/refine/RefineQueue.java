package io.adultetl.refine;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Body;

/**
 * What a listing of raw/ leaves to refine, in one query: the listing is recorded in {@code adult_raw} (the versions
 * waiting to be refined are those whose last part {@code adult_refined} lacks, whichever instance lists), and the
 * versions not refined yet and not claimed by a live instance come back in key order.
 */
public final class RefineQueue {

    private static final String PENDING = """
            with listed as (
                select * from unnest(?::text[], ?::text[], ?::bigint[]) as l(source_key, source_etag, bytes)
            ), gone as (
                delete from adult_raw r where not exists (select 1 from listed l where l.source_key = r.source_key)
            ), seen as (
                insert into adult_raw as r (source_key, source_etag, bytes)
                select source_key, source_etag, bytes from listed
                on conflict (source_key) do update
                set source_etag = excluded.source_etag, bytes = excluded.bytes, listed_at = now()
                where r.source_etag <> excluded.source_etag
            )
            select l.source_key, l.source_etag, l.bytes from listed l
            where not exists (select 1 from adult_refined_versions v
                              where v.source_key = l.source_key and v.source_etag = l.source_etag)
              and not exists (select 1 from adult_claim_live c where c.source_key = l.source_key
                              and c.source_etag = l.source_etag and c.instance <> ?)
            order by l.source_key""";

    private final DataSource dataSource;
    private final String instanceId;

    /** {@code instanceId}: its own claims (a killed previous run's) do not hide a version from this instance. */
    public RefineQueue(DataSource dataSource, String instanceId) {
        this.dataSource = dataSource;
        this.instanceId = instanceId;
    }

    /** Records {@code listed} as what raw/ holds now and returns the versions still to refine. */
    public List<RawVersion> pending(@Body List<RawVersion> listed) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // listings of several instances take turns, so two never rewrite adult_raw in different orders
                try (Statement lock = connection.createStatement()) {
                    lock.execute("select pg_advisory_xact_lock(hashtext('adult-etl listing'))");
                }
                List<RawVersion> pending = pending(connection, listed);
                connection.commit();
                return pending;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Parts of the version registered already: a refine killed after them resumes after them. */
    public int registeredParts(@Body RawVersion version) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from adult_refined where source_key = ? and source_etag = ?")) {
            statement.setString(1, version.key());
            statement.setString(2, version.etag());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private List<RawVersion> pending(Connection connection, List<RawVersion> listed) throws SQLException {
        Array keys = connection.createArrayOf("text", listed.stream().map(RawVersion::key).toArray());
        Array etags = connection.createArrayOf("text", listed.stream().map(RawVersion::etag).toArray());
        Array bytes = connection.createArrayOf("bigint", listed.stream().map(RawVersion::bytes).toArray());
        try (PreparedStatement statement = connection.prepareStatement(PENDING)) {
            statement.setArray(1, keys);
            statement.setArray(2, etags);
            statement.setArray(3, bytes);
            statement.setString(4, instanceId);
            List<RawVersion> pending = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    pending.add(new RawVersion(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
            return pending;
        }
    }
}
