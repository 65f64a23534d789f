package io.adultetl.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds and stops a PostgreSQL server left running on a data directory by a JVM that died without closing it. */
final class Postmaster {

    private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
    private static final String PID_FILE = "postmaster.pid";
    // zonky holds an OS lock on this file for as long as its JVM runs the cluster
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration FAST_SHUTDOWN_WAIT = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private Postmaster() {
    }

    /** Stops a postmaster on dataDir whose owning JVM is gone; fails if a live process still owns the cluster. */
    static void stopOrphan(Path dataDir) {
        requireNoLiveOwner(dataDir);
        stopIfRunning(dataDir);
    }

    /** Stops whatever postmaster runs on dataDir and clears a postmaster.pid that points to no such server. */
    static void stopIfRunning(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        OptionalLong pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid.getAsLong())
                .filter(process -> isPostmasterOf(process, dataDir));
        if (postmaster.isPresent()) {
            LOG.warn("Stopping PostgreSQL server (pid {}) running on {} with no live owner", pid.getAsLong(), dataDir);
            stop(postmaster.get());
        }
        deleteStale(pidFile, pid.getAsLong(), dataDir);
    }

    private static void requireNoLiveOwner(Path dataDir) {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        // never create it: initdb refuses a non-empty directory, and no owner ever means no lock file
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new LocalServerException("The PostgreSQL data directory " + dataDir
                        + " is in use by another running process", null);
            }
        } catch (OverlappingFileLockException e) {
            throw new LocalServerException("The PostgreSQL data directory " + dataDir
                    + " is already in use in this JVM", e);
        } catch (IOException e) {
            throw new LocalServerException("Cannot check the lock on the PostgreSQL data directory " + dataDir, e);
        }
    }

    private static OptionalLong readPid(Path pidFile) {
        if (!Files.exists(pidFile)) {
            return OptionalLong.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            // a half-written file; postgres itself knows how to deal with it
            LOG.warn("Cannot read the PostgreSQL pid file {}: {}", pidFile, e.toString());
            return OptionalLong.empty();
        }
    }

    // the pid may have been reused (after a reboot, or in a container) by a process that is no postgres of ours
    private static boolean isPostmasterOf(ProcessHandle process, Path dataDir) {
        if (process.pid() == ProcessHandle.current().pid() || !isRunning(process)) {
            return false;
        }
        ProcessHandle.Info info = process.info();
        boolean postgres = info.command().map(Path::of).map(Path::getFileName)
                .map(name -> name.toString().equals("postgres")).orElse(false);
        boolean ourDir = info.arguments().map(args -> List.of(args).contains(dataDir.toString())).orElse(true);
        return postgres && ourDir;
    }

    private static void stop(ProcessHandle postmaster) {
        List<ProcessHandle> backends = postmaster.descendants().toList();
        interrupt(postmaster);
        if (awaitExit(postmaster, FAST_SHUTDOWN_WAIT)) {
            return;
        }
        LOG.warn("PostgreSQL server (pid {}) ignored a fast shutdown for {} s; killing it",
                postmaster.pid(), FAST_SHUTDOWN_WAIT.toSeconds());
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        if (!awaitExit(postmaster, KILL_WAIT)) {
            throw new LocalServerException("Cannot stop the PostgreSQL server with pid " + postmaster.pid(), null);
        }
    }

    // SIGINT is postgres' "fast" shutdown; the JDK only offers SIGTERM ("smart", waits for clients) and SIGKILL
    private static void interrupt(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (kill.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            LOG.debug("No kill command to send SIGINT, falling back to SIGTERM", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        postmaster.destroy();
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
        }
        return true;
    }

    // an exited orphan stays a zombie until its adoptive parent reaps it, and the JDK counts zombies as alive
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String content = Files.readString(stat);
            char state = content.charAt(content.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    private static void deleteStale(Path pidFile, long pid, Path dataDir) {
        if (ProcessHandle.of(pid).filter(process -> isPostmasterOf(process, dataDir)).isPresent()) {
            return;
        }
        try {
            if (Files.deleteIfExists(pidFile)) {
                LOG.info("Removed stale {} (pid {} is not a running PostgreSQL server of it)", pidFile, pid);
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove stale {}: {}", pidFile, e.toString());
        }
    }
}
