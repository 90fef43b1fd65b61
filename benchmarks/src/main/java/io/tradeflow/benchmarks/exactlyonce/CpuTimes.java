package io.tradeflow.benchmarks.exactlyonce;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time spent over a run, to show where the 2 cores went: the stage's own threads (its stream or loop thread and
 * its Kafka clients' network and heartbeat threads, found by the run's name in the thread name), this whole JVM
 * (the stage, the kline loader and the watcher), and the broker's JVM (from /proc, when its pid is given).
 */
final class CpuTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String marker;
    private final long brokerPid;
    private final long clockTicks;
    private final Map<Long, Long> stageBefore;
    private final long processBefore;
    private final long brokerBefore;

    /** Starts counting now. */
    CpuTimes(String marker, long brokerPid, long clockTicks) {
        this.marker = marker;
        this.brokerPid = brokerPid;
        this.clockTicks = clockTicks;
        this.stageBefore = stageThreads(marker);
        this.processBefore = process();
        this.brokerBefore = broker();
    }

    /** CPU seconds since the start: stage threads, this JVM, the broker (-1 when unknown). */
    record Spent(double stage, double process, double broker) {
    }

    Spent spent() {
        long stage = 0;
        for (Map.Entry<Long, Long> now : stageThreads(marker).entrySet()) {
            stage += now.getValue() - stageBefore.getOrDefault(now.getKey(), 0L);
        }
        long brokerNow = broker();
        return new Spent(stage / 1e9, (process() - processBefore) / 1e9,
                brokerNow < 0 || brokerBefore < 0 ? -1 : (brokerNow - brokerBefore) / (double) clockTicks);
    }

    private static Map<Long, Long> stageThreads(String marker) {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(marker)) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    private static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of the broker's process in clock ticks, or -1. */
    private long broker() {
        if (brokerPid <= 0) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + brokerPid + "/stat"));
            // Fields after the command name (which is in parentheses and may hold spaces): utime and stime are 14, 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
