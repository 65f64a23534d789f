package io.adultetl.load;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.ExchangeProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a batch's records with COPY on the connection of the load transaction, so they commit or roll back with
 * the positions that count them. COPY is PostgreSQL's cheapest way in for these rows (bench/CopyVsInsert.java,
 * figures in docs/performance.md), and it has no ON CONFLICT: a record loaded twice fails the tick instead of being
 * dropped quietly.
 */
public final class BatchCopy {

    private final DataSource dataSource;

    public BatchCopy(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void copy(@ExchangeProperty("batch") Batch batch) throws SQLException, IOException {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a batch is copied only inside the load transaction, with its positions");
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            long copied = copy(connection.unwrap(PGConnection.class), batch.rows());
            if (copied != batch.size()) {
                throw new IllegalStateException("COPY wrote " + copied + " rows for a batch of " + batch.size());
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** COPYs the data through pgjdbc's buffered COPY stream; a failed write leaves the connection out of COPY. */
    private static long copy(PGConnection connection, CopyData data) throws SQLException, IOException {
        PGCopyOutputStream out = new PGCopyOutputStream(connection, AdultSchema.copySql());
        try {
            data.writeTo(out);
            return out.endCopy();
        } catch (IOException | SQLException | RuntimeException e) {
            if (out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }
}
