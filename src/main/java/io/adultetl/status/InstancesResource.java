package io.adultetl.status;

import io.adultetl.cluster.LoadTrigger;
import io.adultetl.state.Sql;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** {@code GET /api/instances}: the cluster's instances, alive or not, and what each loaded and refined. */
public final class InstancesResource {

    static final int INSTANCES_MAX = 100;

    /** One instance: {@code self} is this process; alive while its Quartz check-in is due. */
    public record Instance(String instance, boolean self, Boolean alive, String lastCheckinAt,
            Long checkinIntervalMillis, long batches, Long lastBatchNo, long versionsRefined, long refining) {
    }

    /** At most {@value #INSTANCES_MAX} instances ({@code more} if there are others) and who committed the last batch. */
    public record Instances(List<Instance> instances, boolean more, Long lastBatchNo, String lastBatchBy,
            long graceMillis) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    /** This instance's name in the cluster, to mark it among the instances. */
    private final String instanceId;

    InstancesResource(NamedParameterJdbcTemplate jdbc, String instanceId) {
        this.jdbc = jdbc;
        this.instanceId = instanceId;
    }

    public Instances instances(@Header(Exchange.HTTP_QUERY) String query) {
        Query.parse(query, Set.of());
        List<Map<String, Object>> rows = jdbc.queryForList(Sql.get("status/instances"), Map.of(
                "scheduler", LoadTrigger.SCHEDULER_NAME,
                "grace_millis", LoadTrigger.QUARTZ_FAILOVER_GRACE_MILLIS,
                "limit", INSTANCES_MAX + 1));
        List<Instance> instances = rows.subList(0, Math.min(rows.size(), INSTANCES_MAX)).stream()
                .map(row -> new Instance((String) row.get("instance"), instanceId.equals(row.get("instance")),
                        (Boolean) row.get("alive"), row.get("last_checkin_time") == null ? null
                                : Instant.ofEpochMilli(Rows.number(row, "last_checkin_time")).toString(),
                        Rows.numberOrNull(row, "checkin_interval"), Rows.number(row, "batches"),
                        Rows.numberOrNull(row, "last_batch_no"), Rows.number(row, "versions"),
                        Rows.number(row, "refining")))
                .toList();
        Map<String, Object> last = jdbc.queryForList(Sql.get("status/last-batch"), Map.of()).stream().findFirst()
                .orElse(Map.of());
        return new Instances(instances, rows.size() > INSTANCES_MAX, Rows.numberOrNull(last, "batch_no"),
                (String) last.get("instance"), LoadTrigger.QUARTZ_FAILOVER_GRACE_MILLIS);
    }
}
