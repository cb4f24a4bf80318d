package com.mustbeviral.content.search;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * How the threads that embed new pieces are scheduled by the operating system: below the request
 * threads, so that a create's own work is served first and the embeddings of new pieces catch up
 * when the cores are free. Java's {@code Thread.setPriority} does nothing on Linux, so each thread
 * lowers itself through libc ({@code setpriority} or {@code sched_setscheduler}, which on Linux act on
 * the calling thread alone). A thread cannot raise itself back without privileges, hence threads of
 * their own rather than borrowed ones. Elsewhere, or when libc cannot be reached, the threads run at
 * normal priority and this is logged once.
 */
public record EmbeddingPriority(Policy policy, int nice) {

    private static final Logger LOG = Logger.getLogger(EmbeddingPriority.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final int PRIO_PROCESS = 0;
    private static final int SCHED_IDLE = 5;

    /** What the embedding threads ask of the scheduler. */
    public enum Policy {
        /** As the request threads (no change). */
        NORMAL,
        /** A nice value (1..19): a smaller share of the cores while others want them, never none. */
        NICE,
        /** Linux's SCHED_IDLE: runs on what normal threads leave (a share of about a fifth of nice 19's). */
        IDLE
    }

    public EmbeddingPriority {
        if (policy == Policy.NICE && (nice < 1 || nice > 19)) {
            throw new IllegalArgumentException("content.search.embedding-nice must be 1..19, not " + nice);
        }
    }

    /** Threads named {@code prefix-N}, daemons, each lowering itself before its first task. */
    public ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(() -> {
                applyToCurrentThread();
                task.run();
            }, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Lowers the calling thread; false when it stays as it was (NORMAL, not Linux, or refused). */
    public boolean applyToCurrentThread() {
        if (policy == Policy.NORMAL) {
            return false;
        }
        if (!Platform.isLinux()) {
            warnOnce("not Linux", null);
            return false;
        }
        try {
            if (policy == Policy.IDLE) {
                LibC.INSTANCE.sched_setscheduler(0, SCHED_IDLE, new int[] { 0 });
            } else {
                LibC.INSTANCE.setpriority(PRIO_PROCESS, 0, nice);
            }
            return true;
        } catch (LastErrorException | LinkageError e) {
            warnOnce(e.toString(), e);
            return false;
        }
    }

    private void warnOnce(String why, Throwable e) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warnf(e, "The embedding threads run at normal priority (%s asked for: %s)", policy, why);
        }
    }

    /** The calling thread's nice value (Linux: {@code /proc/thread-self/stat}, field 19). */
    public static OptionalInt currentNice() {
        return statField(19);
    }

    /** The calling thread's scheduling policy (Linux: field 41; 0 normal, 5 idle). */
    public static OptionalInt currentPolicy() {
        return statField(41);
    }

    private static OptionalInt statField(int field) {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // The second field, the thread's name in parentheses, may hold spaces: count from its end.
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalInt.of(Integer.parseInt(rest[field - 3]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The two calls of libc used here; errors come back as {@link LastErrorException} with errno. */
    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int setpriority(int which, int who, int prio) throws LastErrorException;

        int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
    }
}
