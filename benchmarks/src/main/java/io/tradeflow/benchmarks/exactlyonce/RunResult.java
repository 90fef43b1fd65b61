package io.tradeflow.benchmarks.exactlyonce;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** What one run of the spike measured and checked, printed as "run NAME key value" lines and as a table. */
final class RunResult {
    final String name;
    final String setting;
    double firstReady;
    double writtenSeconds;
    double visibleSeconds;
    CpuTimes.Spent cpu;
    Stage.Commits commits;
    Latency liveLatency;
    Stage.Commits liveCommits;
    long duplicates;
    double closeSeconds;
    double keptReady = -1;
    Stage.Restored keptRestored;
    double freshReady;
    Stage.Restored freshRestored;
    double afterRestartSeconds;
    TopicRead.Check check;
    TopicRead.Size state;
    long deadLetters;
    long expectedDeadLetters;
    long expected;

    RunResult(String name, String setting) {
        this.name = name;
        this.setting = setting;
    }

    /** Every snapshot once and equal to the in-process run's, no kline twice, each unreadable record dead-lettered once. */
    boolean ok() {
        return check.ok(expected) && duplicates == 0 && deadLetters == expectedDeadLetters;
    }

    void print() {
        line("setting %s", setting);
        line("first_start_ready_s %.2f", firstReady);
        line("input_written_s %.2f", writtenSeconds);
        line("last_snapshot_visible_s %.2f", visibleSeconds);
        line("cpu_s stage %.1f jvm %.1f broker %.1f", cpu.stage(), cpu.process(), cpu.broker());
        line("transactions %d send_offsets_s %.2f commit_s %.2f", commits.count(), commits.sendOffsetsSeconds(),
                commits.commitSeconds());
        line("live_latency_ms %s", liveLatency);
        line("live_transactions %d send_offsets_s %.2f commit_s %.2f", liveCommits.count(),
                liveCommits.sendOffsetsSeconds(), liveCommits.commitSeconds());
        line("close_s %.2f", closeSeconds);
        if (keptRestored != null) {
            line("restart_local_state_ready_s %.2f restored %d records in %.2f s", keptReady, keptRestored.records(),
                    keptRestored.seconds());
        }
        line("restart_from_topic_ready_s %.2f restored %d records in %.2f s", freshReady, freshRestored.records(),
                freshRestored.seconds());
        line("after_restart_visible_s %.2f", afterRestartSeconds);
        line("state_topic %d records %d bytes", state.records(), state.bytes());
        line("check records %d distinct %d missing %d unequal %d unexpected %d duplicates %d dead_letters %d -> %s",
                check.records(), check.distinct(), check.missing(), check.unequal(), check.unexpected(), duplicates,
                deadLetters, ok() ? "OK" : "FAILED");
    }

    private void line(String format, Object... values) {
        System.out.println("run " + name + " " + String.format(Locale.ROOT, format, values));
    }

    /** The runs side by side, as a Markdown table for docs/benchmarks.md; {@code klines} of the full-speed part. */
    static void table(List<RunResult> results, long klines) {
        StringBuilder header = new StringBuilder("| |");
        StringBuilder rule = new StringBuilder("|---|");
        for (RunResult r : results) {
            header.append(" ").append(r.name).append(" (").append(r.setting).append(") |");
            rule.append("---|");
        }
        System.out.println();
        System.out.println(header);
        System.out.println(rule);
        row(results, "**klines/s**, first kline sent to last snapshot visible (read_committed)",
                r -> format("**%.0f**", klines / r.visibleSeconds));
        row(results, "first kline sent to last snapshot visible", r -> format("%.2f s", r.visibleSeconds));
        row(results, "klines written by the loader in", r -> format("%.2f s", r.writtenSeconds));
        row(results, "transactions; seconds in sendOffsetsToTransaction + commitTransaction",
                r -> format("%d; %.1f + %.1f s", r.commits.count(), r.commits.sendOffsetsSeconds(),
                        r.commits.commitSeconds()));
        row(results, "CPU: stage threads / whole spike JVM / broker JVM",
                r -> format("%.1f / %.1f / %.1f s", r.cpu.stage(), r.cpu.process(), r.cpu.broker()));
        row(results, "CPU per kline: stage threads / broker",
                r -> format("%.1f / %.1f µs", r.cpu.stage() * 1e6 / klines, r.cpu.broker() * 1e6 / klines));
        row(results, "at a live pace: kline sent to its snapshot visible, p50 / p90 / p99 / max", r -> r.liveLatency.toString());
        row(results, "at a live pace: transactions; seconds in sendOffsetsToTransaction + commitTransaction",
                r -> format("%d; %.1f + %.1f s", r.liveCommits.count(), r.liveCommits.sendOffsetsSeconds(),
                        r.liveCommits.commitSeconds()));
        row(results, "first start until ready", r -> format("%.2f s", r.firstReady));
        row(results, "clean stop", r -> format("%.2f s", r.closeSeconds));
        row(results, "restart with local state: ready (records restored)", r -> r.keptRestored == null ? "n/a"
                : format("%.2f s (%d)", r.keptReady, r.keptRestored.records()));
        row(results, "restart from the topic alone: ready (state read: records, time)",
                r -> format("%.2f s (%d, %.2f s)", r.freshReady, r.freshRestored.records(), r.freshRestored.seconds()));
        row(results, "state topic (changelog) after the run",
                r -> format("%d records, %d kB", r.state.records(), r.state.bytes() / 1024));
        row(results, "one kline per series after the restart: sent to visible",
                r -> format("%.2f s", r.afterRestartSeconds));
        row(results, "snapshots equal to the in-process run, each once", r -> format("%d of %d%s",
                r.check.distinct() - r.check.unequal() - r.check.unexpected(), r.expected, r.ok() ? "" : " FAILED"));
    }

    private static void row(List<RunResult> results, String label, Function<RunResult, String> cell) {
        StringBuilder line = new StringBuilder("| ").append(label).append(" |");
        results.forEach(r -> line.append(" ").append(cell.apply(r)).append(" |"));
        System.out.println(line);
    }

    private static String format(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    /** Milliseconds from a kline handed to the producer to its snapshot seen by the read_committed watcher. */
    record Latency(double p50, double p90, double p99, double max, int count) {
        static Latency of(Map<String, Long> sentAt, Map<String, Long> visibleAt) {
            double[] ms = sentAt.entrySet().stream().filter(e -> visibleAt.containsKey(e.getKey()))
                    .mapToDouble(e -> (visibleAt.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
            if (ms.length == 0) {
                return new Latency(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            return new Latency(rank(ms, 0.50), rank(ms, 0.90), rank(ms, 0.99), ms[ms.length - 1], ms.length);
        }

        /** Nearest rank. */
        private static double rank(double[] sorted, double p) {
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f ms (n=%d)", p50, p90, p99, max, count);
        }
    }
}
