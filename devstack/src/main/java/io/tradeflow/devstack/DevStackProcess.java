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
import java.util.concurrent.TimeUnit;

/**
 * A devstack running in its own JVM, started from a test JVM.
 *
 * <p>Its own JVM because the Kafka broker brings Scala, log4j and its own Jackson, none of which belong on a
 * service's test classpath, and because a Quarkus test may restart its application (and class loaders) while the
 * servers must stay up. The child's class path is the devstack's own runtime class path, which the build writes
 * into this jar ({@code runtime.classpath}), so the test module does not need the broker's jars at all.
 */
final class DevStackProcess implements AutoCloseable {
    private static final long START_TIMEOUT_SECONDS = 180;
    private static final int START_ATTEMPTS = 3;

    private final Process process;
    private final Endpoints endpoints;

    private DevStackProcess(Process process, Endpoints endpoints) {
        this.process = process;
        this.endpoints = endpoints;
    }

    /**
     * Starts the devstack JVM on free ports, again on other free ports when it ends before it is ready: a port found
     * free can be taken, before a server binds it, by another process' outgoing connection (the free ports and the
     * kernel's ephemeral ports are one range), which ends the JVM with "Address already in use".
     */
    static DevStackProcess start(int partitions) {
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
            Endpoints endpoints = awaitReady(process);
            return new DevStackProcess(process, endpoints);
        } catch (IOException e) {
            throw new DevStackException("Could not start the devstack JVM: " + e.getMessage(), e);
        }
    }

    private static Endpoints awaitReady(Process process) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
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
                    drainInBackground(process.getInputStream());
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

    private static void drainInBackground(InputStream output) {
        Thread.ofVirtual().start(() -> {
            try {
                output.transferTo(System.out);
            } catch (IOException ignored) {
                // the devstack ended
            }
        });
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

    Endpoints endpoints() {
        return endpoints;
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
