package io.adultetl.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The name of this instance among those sharing the bucket and the database: Quartz's scheduler instance id, the
 * owner of refine claims, and the PostgreSQL {@code application_name} that {@code adult_refined.refined_by} and
 * {@code adult_load_batch.instance} record.
 */
public final class InstanceId {

    /** It goes into SQL as a session setting and into Quartz's tables: plain characters, PostgreSQL's 63 at most. */
    private static final String CHARACTERS = "A-Za-z0-9._:@-";
    private static final Pattern ALLOWED = Pattern.compile("[" + CHARACTERS + "]{1,63}");

    private InstanceId() {
    }

    /**
     * {@code configured} when set, else the host name: stable across restarts, so a restarted instance takes back
     * at once what its previous run held (Quartz recovers its own id at its first check-in); several instances on
     * one host each need their own (see {@link InstanceLock}).
     */
    public static String resolve(String configured) {
        String id = configured == null || configured.isBlank() ? host() : configured.trim();
        if (!ALLOWED.matcher(id).matches()) {
            if (configured == null || configured.isBlank()) {
                // a host name outside the allowed characters: keep what is allowed
                return clip(id.replaceAll("[^" + CHARACTERS + "]", "_"));
            }
            throw new IllegalArgumentException("adult.instance.id (ADULT_INSTANCE_ID) must be 1 to 63 characters among A-Z a-z 0-9 . _ : @ -, not '"
                    + configured + "'");
        }
        return id;
    }

    private static String clip(String id) {
        return id.length() <= 63 ? id : id.substring(id.length() - 63);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "adult-etl";
        }
    }
}
