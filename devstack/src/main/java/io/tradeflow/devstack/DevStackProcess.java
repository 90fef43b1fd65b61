package io.tradeflow.devstack;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A devstack running in its own JVM, started from a test JVM: the shared one ({@link SharedDevStack}), or a test's own
 * when it must disturb the servers ({@link #restartKafka()}) without disturbing other tests.
 *
 * <p>Its own JVM because the Kafka broker brings Scala, log4j and its own Jackson, none of which belong on a
 * service's test classpath, and because a Quarkus test may restart its application (and class loaders) while the
 * servers must stay up. The child's class path is the devstack's own runtime class path, which the build writes
 * into this jar ({@code runtime.classpath}), so the test module does not need the broker's jars at all.
 */
public final class DevStackProcess implements AutoCloseable {
    /** A line on the child's standard input that restarts its Kafka ({@link DevStack#restartKafka()}). */
    static final String RESTART_KAFKA = "restart-kafka";
    /** The child's answer once Kafka is back, or, followed by the reason, once it failed to come back. */
    static final String KAFKA_RESTARTED = "devstack: kafka restarted";
    static final String KAFKA_RESTART_FAILED = "devstack: kafka restart failed: ";
    /** What {@link #forward} leaves for a command waiting for an answer when the child's output ends. */
    private static final String ENDED = "devstack: ended";
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final long RESTART_TIMEOUT_SECONDS = 180;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Endpoints endpoints;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private DevStackProcess(Process process, Endpoints endpoints, BufferedReader output) {
        this.process = process;
        this.endpoints = endpoints;
        Thread.ofVirtual().start(() -> forward(output));
    }

    /**
     * Starts the devstack JVM on free ports, again on other free ports when it ends before it is ready: a port found
     * free can be taken, before a server binds it, by another process' outgoing connection (the free ports and the
     * kernel's ephemeral ports are one range), which ends the JVM with "Address already in use".
     */
    public static DevStackProcess start(int partitions) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(partitions);
            } catch (EndedEarly e) {
                if (attempt == START_ATTEMPTS) {
                    throw e;
                }
                System.out.println("[devstack] " + e.getMessage() + " Starting it again on other free ports (attempt "
                        + (attempt + 1) + " of " + START_ATTEMPTS + ").");
            }
        }
    }

    /** The devstack JVM ended before it said it was ready. */
    private static final class EndedEarly extends DevStackException {
        EndedEarly(String message) {
            super(message);
        }
    }

    private static DevStackProcess startOnce(int partitions) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx1g", "-XX:+UseSerialGC"));
        if (Runtime.version().feature() >= 24) {
            // Kafka's record buffers still use sun.misc.Unsafe; without this JDK 24+ prints a warning block.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", classPath(), DevStackMain.class.getName(), "--ephemeral", "--partitions", Integer.toString(partitions)));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            var output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Endpoints endpoints = awaitReady(process, output);
            return new DevStackProcess(process, endpoints, output);
        } catch (IOException e) {
            throw new DevStackException("Could not start the devstack JVM: " + e.getMessage(), e);
        }
    }

    private static Endpoints awaitReady(Process process, BufferedReader reader) throws IOException {
        var watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // the devstack answered in time
            }
        });
        try {
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith(Endpoints.READY_PREFIX)) {
                    return Endpoints.parseReadyLine(line);
                }
                System.out.println("[devstack] " + line);
            }
            boolean ended = process.waitFor(10, TimeUnit.SECONDS);
            String why = "The devstack JVM ended before it was ready ("
                    + (ended ? "exit code " + process.exitValue() : "killed after " + START_TIMEOUT_SECONDS + " s")
                    + "); its error output is above.";
            throw ended ? new EndedEarly(why) : new DevStackException(why);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new DevStackException("Interrupted while the devstack was starting", e);
        } finally {
            watchdog.interrupt();
        }
    }

    /** Passes the child's output on, keeping its answers to commands for {@link #restartKafka()}. */
    private void forward(BufferedReader output) {
        try {
            for (String line; (line = output.readLine()) != null; ) {
                if (line.startsWith(KAFKA_RESTARTED) || line.startsWith(KAFKA_RESTART_FAILED)) {
                    answers.add(line);
                }
                System.out.println("[devstack] " + line);
            }
        } catch (IOException ignored) {
            // the devstack ended
        } finally {
            answers.add(ENDED);
        }
    }

    private static String classPath() {
        try {
            Path own = Path.of(DevStackProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (InputStream listed = DevStackProcess.class.getResourceAsStream("runtime.classpath")) {
                if (listed == null) {
                    throw new DevStackException("runtime.classpath is missing from the devstack jar; rebuild it with ./mvnw install -pl devstack -am");
                }
                return own + File.pathSeparator + new String(listed.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
        } catch (URISyntaxException | IOException e) {
            throw new DevStackException("Could not work out the devstack class path: " + e.getMessage(), e);
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /**
     * Restarts the child's Kafka on the same port with the same data and returns once it is back: see
     * {@link DevStack#restartKafka()}.
     *
     * @throws DevStackException when Kafka does not come back, or the devstack does not answer in time
     */
    public synchronized void restartKafka() {
        try {
            answers.removeIf(answer -> !answer.equals(ENDED)); // a late answer to an earlier call that gave up
            process.getOutputStream().write((RESTART_KAFKA + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            String answer = answers.poll(RESTART_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                throw new DevStackException("The devstack did not restart Kafka within " + RESTART_TIMEOUT_SECONDS + " s");
            }
            if (answer.equals(ENDED)) {
                throw new DevStackException("The devstack JVM ended"
                        + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")") + "; its error output is above");
            }
            if (answer.startsWith(KAFKA_RESTART_FAILED)) {
                throw new DevStackException(answer.substring(KAFKA_RESTART_FAILED.length()));
            }
        } catch (IOException e) {
            throw new DevStackException("Could not reach the devstack to restart Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while Kafka restarted", e);
        }
    }

    /** Closing the child's standard input is its signal to stop its servers and exit. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
