package io.tradeflow.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/tradeflow} run the way a user runs it, as a child process of the test, with a home of its own
 * ({@code --home}: logs, API key, lock and the devstack's data) so that it shares nothing with the user's
 * {@code .tradeflow/} and {@code .devstack/}. Its ports are the platform's fixed ones ({@link #PORTS}).
 *
 * <p>Closing it stops it as Ctrl-C would (SIGTERM) and, should that not end it, kills what it started: the processes
 * below it (taken before the signal, since the ones it started in sessions of their own would be orphaned) and those
 * named in its {@code pids} file.
 */
final class TradeflowRun implements AutoCloseable {
    /** The ports bin/tradeflow needs and checks: the six services, Kafka and its controller, PostgreSQL, Redis. */
    static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8085, 9092, 9093, 5432, 6379);
    /** What bin/tradeflow says when another program holds one of its ports (and then starts nothing). */
    static final String PORTS_TAKEN = "ports Tradeflow needs are taken";
    /** How long bin/tradeflow may take to stop: its own limits are 30 s per service and 60 s for the devstack. */
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Path home;
    private final Path output;
    private final Process process;
    private boolean closed;

    private TradeflowRun(Path home, Path output, Process process) {
        this.home = home;
        this.output = output;
        this.process = process;
    }

    /**
     * Empties {@code home} (and the devstack data folder an earlier run there used), then starts
     * {@code bin/tradeflow --home home options...} with {@code environment} added to its own. Its output goes to
     * {@code <home>.out}, beside the home, so that a run's home holds only what bin/tradeflow writes.
     *
     * @throws IllegalStateException when an earlier run in this home is still alive
     */
    static TradeflowRun start(Path repository, Path home, List<String> options, Map<String, String> environment) {
        Optional<ProcessHandle> earlier = pidIn(home.resolve("pid")).flatMap(ProcessHandle::of)
                .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains("bin/tradeflow"));
        if (earlier.isPresent()) {
            throw new IllegalStateException("bin/tradeflow (pid " + earlier.get().pid() + ") still runs in " + home
                    + ", perhaps another test run's; stop it first: kill " + earlier.get().pid());
        }
        devstackData(home).filter(dir -> !dir.startsWith(home)).ifPresent(TradeflowRun::delete);
        delete(home);
        List<String> command = new ArrayList<>(List.of(repository.resolve("bin/tradeflow").toString(), "--home", home.toString()));
        command.addAll(options);
        Path output = home.resolveSibling(home.getFileName() + ".out");
        try {
            Files.createDirectories(home.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            TradeflowRun run = new TradeflowRun(home, output, builder.start());
            // Should the test JVM be ended before its @AfterAll (surefire's timeout, a signal), the platform goes too.
            Runtime.getRuntime().addShutdownHook(new Thread(run::close, "tradeflow-run-stop"));
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /** The admin API key bin/tradeflow made for this home. */
    String apiKey() {
        try {
            return Files.readString(home.resolve("api-key")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What bin/tradeflow printed so far. */
    String output() {
        return read(output);
    }

    /** The last {@code lines} lines of a service's log in {@code <home>/logs/} ({@code devstack}, {@code gateway-api}, ...). */
    String logTail(String name, int lines) {
        Path log = home.resolve("logs").resolve(name + ".log");
        List<String> all = read(log).lines().filter(line -> !line.contains("SRHCK01001")).toList();
        return "--- last lines of " + log + ":\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Polls {@code done} until it holds. Fails when bin/tradeflow ends meanwhile or the time is up, with
     * {@code state()}, the end of bin/tradeflow's output and of the named services' logs.
     */
    void await(String what, Duration timeout, BooleanSupplier done, Supplier<String> state, String... logs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError("bin/tradeflow ended (code " + process.exitValue() + ") while waiting for " + what
                        + "; " + describe(state) + "\n" + report(logs));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + timeout.toSeconds() + " s; " + describe(state) + "\n"
                        + report(logs));
            }
            pause();
        }
    }

    private static String describe(Supplier<String> state) {
        try {
            return state.get();
        } catch (RuntimeException | AssertionError e) {
            return "(state unknown: " + e.getMessage() + ")";
        }
    }

    /** Sends SIGTERM (what Ctrl-C's stop does) and waits for the end; the exit code, or empty when it did not end. */
    Optional<Integer> terminate(Duration timeout) {
        process.destroy();
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** bin/tradeflow's processes now: those below it, and those its {@code pids} file names. */
    Set<ProcessHandle> processes() {
        Set<ProcessHandle> processes = new LinkedHashSet<>(process.descendants().toList());
        processes.addAll(started());
        return processes;
    }

    /** Those of {@code processes} still alive, each as its pid and command line. */
    static List<String> alive(Set<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }

    /** The ports of {@link #PORTS} on which something accepts connections on 127.0.0.1. */
    static List<Integer> listening() {
        return PORTS.stream().filter(TradeflowRun::accepts).toList();
    }

    /** Stops bin/tradeflow if it still runs, and kills whatever it started that is left. Never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Set<ProcessHandle> below = processes();
        if (process.isAlive() && terminate(STOP_TIMEOUT).isEmpty()) {
            process.destroyForcibly();
        }
        below.addAll(started());
        below.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The end of bin/tradeflow's output and of the named logs. */
    String report(String... logs) {
        List<String> out = output().lines().toList();
        StringBuilder report = new StringBuilder("--- bin/tradeflow's output (" + output + "), last lines:\n")
                .append(String.join("\n", out.subList(Math.max(0, out.size() - 40), out.size())));
        for (String log : logs) {
            report.append('\n').append(logTail(log, 25));
        }
        return report.toString();
    }

    /** The processes of the {@code pids} file ("name pid" lines) whose command line still names them, as bin/tradeflow checks. */
    private List<ProcessHandle> started() {
        try (Stream<String> lines = Files.exists(home.resolve("pids")) ? Files.lines(home.resolve("pids")) : Stream.empty()) {
            return lines.map(line -> line.strip().split(" +")).filter(f -> f.length == 2 && f[1].matches("\\d+"))
                    .flatMap(f -> ProcessHandle.of(Long.parseLong(f[1]))
                            .filter(p -> p.info().commandLine().orElse("").contains(f[0])).stream())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The devstack's data folder as its log in this home names it ("Starting Kafka, PostgreSQL and Redis (data in X) ..."). */
    private static Optional<Path> devstackData(Path home) {
        Matcher m = Pattern.compile("\\(data in (.+)\\) \\.\\.\\.$", Pattern.MULTILINE)
                .matcher(read(home.resolve("logs/devstack.log")));
        return m.find() ? Optional.of(Path.of(m.group(1))) : Optional.empty();
    }

    private static Optional<Long> pidIn(Path file) {
        String text = read(file).strip();
        return text.matches("\\d+") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not empty " + dir + " for a fresh run", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
