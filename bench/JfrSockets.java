// Where the loader's tick waits: socket reads and writes of the Quartz (loader) threads in a JFR recording, grouped
// by what they wait for (PostgreSQL statement kind, S3 request/body), per tick; plus CPU samples of the loader and of
// S3Proxy's Jetty threads. Record with socket events at no threshold, e.g.
//   BENCH_OUT=target/bench-jfr0 BENCH_JFR_OPTS='jdk.SocketRead#threshold=0ms,jdk.SocketWrite#threshold=0ms' \
//     bench/run --only load-1x --jfr
// then pick a window of full ticks from service.log (UTC log times) and the number of ticks in it:
//   java bench/JfrSockets.java target/bench-jfr0/load-1x/service.jfr 00:51:31.75 00:51:35.00 29
import jdk.jfr.consumer.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;

public class JfrSockets {
    public static void main(String[] a) throws Exception {
        LocalTime t0 = LocalTime.parse(a[1]), t1 = LocalTime.parse(a[2]);
        int ticks = Integer.parseInt(a[3]);
        Map<String, double[]> agg = new TreeMap<>();
        Map<String, Integer> samples = new TreeMap<>();
        int quartz = 0, jetty = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
            LocalTime t = LocalTime.ofInstant(e.getStartTime(), ZoneOffset.UTC);
            if (t.isBefore(t0) || t.isAfter(t1)) continue;
            String type = e.getEventType().getName();
            RecordedThread th = type.equals("jdk.ExecutionSample") ? e.getThread("sampledThread") : e.getThread();
            String tn = th == null ? "?" : th.getJavaName();
            StringBuilder sb = new StringBuilder();
            if (e.getStackTrace() != null) for (RecordedFrame f : e.getStackTrace().getFrames()) sb.append(f.getMethod().getType().getName()).append('.').append(f.getMethod().getName()).append(' ');
            String j = sb.toString();
            if (type.equals("jdk.ExecutionSample")) {
                if (tn.contains("Jetty")) jetty++;
                if (tn.contains("Quartz")) quartz++;
                continue;
            }
            if (!type.startsWith("jdk.Socket") || tn == null || !tn.contains("Quartz")) continue;
            String c;
            if (j.contains("org.postgresql")) {
                if (j.contains("doCommit")) c = "pg: commit";
                else if (j.contains("doBegin")) c = "pg: begin";
                else if (j.contains("executeBatch")) c = "pg: executeBatch (insert adult 1,630 rows; update positions; delete)";
                else c = "pg: other (advisory lock, versions query, insert adult_load_batch)";
            } else if (j.contains("awssdk") || j.contains("apache.http")) {
                c = (j.contains("LineReader") || j.contains("transferTo")) ? "s3: read ranged GET body" : "s3: send GET, wait for response headers";
            } else c = "other: " + j.substring(0, Math.min(80, j.length()));
            String k = type.substring(4) + " " + c;
            double[] v = agg.computeIfAbsent(k, x -> new double[3]);
            double d = e.getDuration().toNanos() / 1e6;
            v[0]++; v[1] += d; v[2] = Math.max(v[2], d);
        }
        double tot = 0;
        for (var en : agg.entrySet()) {
            double[] v = en.getValue(); tot += v[1];
            System.out.printf("  %-90s n/tick %6.1f  ms/tick %6.2f  max %6.1f%n", en.getKey(), v[0] / ticks, v[1] / ticks, v[2]);
        }
        System.out.printf("  all socket time on the loader threads: %.1f ms/tick%n", tot / ticks);
        System.out.printf("  execution samples: Quartz %d (%.1f ms/tick at 10 ms), Jetty %d (%.1f ms/tick)%n", quartz, 10.0 * quartz / ticks, jetty, 10.0 * jetty / ticks);
    }
}
