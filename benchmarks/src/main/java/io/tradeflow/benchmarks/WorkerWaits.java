package io.tradeflow.benchmarks;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a service's {@code @Blocking} input processing spent a time window, from a JFR recording made with socket
 * reads and writes and thread parks of every length (the benchmark scripts' {@code JFR=true}). Each service's tool
 * ({@code ExecutionWaits}, {@code PositionWaits}) names its own waits by the frames they are in.
 *
 * <p>Only the worker threads that run the consumer ({@code executor-thread-*}) count. Records are processed one at a
 * time, in order, so at most one of them is busy at any moment and the sums compare with the window: parks and socket
 * round trips by the first rule whose frame is on the stack, parks of an idle worker in the pool (waiting for the
 * consumer thread to hand over the next record), and CPU samples (JFR samples a running thread about every 10 ms
 * with the profile settings) by the first frame outside the JDK. Prints seconds and counts per category.
 *
 * @param parks   a park whose stack holds a rule's frame (substring of {@code Class.method}) is that rule's category
 * @param sockets the same for socket reads and writes
 */
public record WorkerWaits(List<Rule> parks, List<Rule> sockets) {
    private static final String WORKER = "executor-thread-";

    /** A wait inside {@code frame} (a substring of a stack frame's {@code Class.method}) is counted as {@code label}. */
    public record Rule(String frame, String label) {
    }

    /** Reads {@code args} (RECORDING FROM_EPOCH_MS TO_EPOCH_MS) and prints the summary; exits 2 on bad arguments. */
    public void main(String tool, String[] args) {
        if (args.length != 3) {
            System.err.println("usage: " + tool + " RECORDING FROM_EPOCH_MS TO_EPOCH_MS");
            System.exit(2);
        }
        print(Path.of(args[0]), Instant.ofEpochMilli(Long.parseLong(args[1])), Instant.ofEpochMilli(Long.parseLong(args[2])));
    }

    /** Prints the window's waits, the CPU samples by thread pool and the workers' top CPU frames. */
    public void print(Path jfr, Instant from, Instant to) {
        Map<String, double[]> waits = new TreeMap<>();
        Map<String, Integer> samples = new TreeMap<>();
        Map<String, Integer> threadSamples = new TreeMap<>();
        try (RecordingFile recording = new RecordingFile(jfr)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                boolean sample = type.equals("jdk.ExecutionSample");
                // A sample names the thread it caught as sampledThread; other events their own thread.
                RecordedThread thread = sample ? event.getThread("sampledThread") : event.getThread();
                if (thread == null || thread.getJavaName() == null
                        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                if (sample) {
                    threadSamples.merge(threadGroup(thread.getJavaName()), 1, Integer::sum);
                }
                if (!thread.getJavaName().startsWith(WORKER)) {
                    continue;
                }
                List<String> frames = frames(event.getStackTrace());
                if (sample) {
                    samples.merge(firstOutsideJdk(frames), 1, Integer::sum);
                    continue;
                }
                String category = switch (type) {
                    case "jdk.ThreadPark" -> park(frames);
                    case "jdk.SocketRead", "jdk.SocketWrite" -> socket(frames);
                    default -> null;
                };
                if (category != null) {
                    double[] sum = waits.computeIfAbsent(category, c -> new double[2]);
                    sum[0] += clipped(event, from, to).toNanos() / 1e9;
                    sum[1]++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + jfr, e);
        }
        System.out.printf("window %.1f s%n", Duration.between(from, to).toMillis() / 1000.0);
        waits.forEach((category, sum) -> System.out.printf("%8.2f s %8d x  %s%n", sum[0], (long) sum[1], category));
        System.out.println("CPU samples by thread: " + threadSamples);
        int total = samples.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf("%8d CPU samples on the workers, by first frame outside the JDK (top 12):%n", total);
        samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("%8d  %s%n", e.getValue(), e.getKey()));
    }

    /** Thread names without their number, so that pools add up. */
    private static String threadGroup(String name) {
        return name.replaceAll("[-0-9]+$", "");
    }

    private String park(List<String> frames) {
        String label = matching(parks, frames);
        if (label != null) {
            return "park: " + label;
        }
        if (contains(frames, "EnhancedQueueExecutor.runThreadBody") && !contains(frames, "io.tradeflow.")) {
            return "park: idle worker, waiting for the next record";
        }
        return "park: other, in " + firstTradeflow(frames);
    }

    private String socket(List<String> frames) {
        String label = matching(sockets, frames);
        return label != null ? "PostgreSQL round trips (socket): " + label : "socket: other, in " + firstTradeflow(frames);
    }

    private static String matching(List<Rule> rules, List<String> frames) {
        return rules.stream().filter(rule -> contains(frames, rule.frame())).map(Rule::label).findFirst().orElse(null);
    }

    private static Duration clipped(RecordedEvent event, Instant from, Instant to) {
        Instant end = event.getEndTime().isAfter(to) ? to : event.getEndTime();
        return Duration.between(event.getStartTime(), end);
    }

    private static List<String> frames(RecordedStackTrace stack) {
        if (stack == null) {
            return List.of();
        }
        return stack.getFrames().stream().map(RecordedFrame::getMethod)
                .map(m -> m.getType().getName() + "." + m.getName()).toList();
    }

    private static boolean contains(List<String> frames, String part) {
        return frames.stream().anyMatch(f -> f.contains(part));
    }

    private static String firstTradeflow(List<String> frames) {
        return frames.stream().filter(f -> f.startsWith("io.tradeflow.")).findFirst().orElse("-");
    }

    private static String firstOutsideJdk(List<String> frames) {
        return frames.stream().filter(f -> !f.startsWith("java.") && !f.startsWith("jdk.") && !f.startsWith("sun."))
                .findFirst().orElse(frames.isEmpty() ? "-" : frames.getFirst());
    }
}
