package io.tradeflow.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service started the way it is deployed, {@code java -jar quarkus-run.jar}, in its own process, so a test can
 * kill it without warning ({@code kill -9}) and start it again.
 */
final class ServiceProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Starts per service in this test JVM, over all instances, so that no test class overwrites another's log. */
    private static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();
    /** Services that run on Kafka Streams and so need a distinct {@code instance-id} per instance. */
    private static final Set<String> STREAMS_SERVICES = Set.of("indicator-service", "signal-service");

    private final String name;
    private final Path jar;
    private final Map<String, String> config;
    private final Path logDir;
    private Process process;
    private int port;

    ServiceProcess(String name, Map<String, String> config) {
        this.name = name;
        Path repository = Path.of(System.getProperty("tradeflow.repository", ".."));
        this.jar = repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        this.config = withInstanceId(name, config);
        this.logDir = repository.resolve("pipeline-tests/target/service-logs");
    }

    /**
     * A Kafka Streams service gets an instance id of its own (its static group membership and local state folder),
     * kept across its restarts like a pod's name, and never shared with another test run on the same machine.
     */
    private static Map<String, String> withInstanceId(String name, Map<String, String> config) {
        String key = "tradeflow." + name.replace("-service", "") + ".instance-id";
        if (!STREAMS_SERVICES.contains(name) || config.containsKey(key)) {
            return config;
        }
        Map<String, String> withId = new LinkedHashMap<>(config);
        withId.put(key, name + "-" + ProcessHandle.current().pid() + "-" + STARTS.computeIfAbsent(name + "#instances",
                n -> new AtomicInteger()).incrementAndGet());
        return withId;
    }

    /** Starts the service and waits until its readiness check is UP. */
    ServiceProcess start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build the services first: ./mvnw package -DskipTests");
        }
        port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + "-" + STARTS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() + ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitReady(log);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The HTTP port of the running process (a free port picked at each start). */
    int port() {
        return port;
    }

    /** Ends the process at once, as a crash or {@code kill -9} would: no shutdown hook, no last commit. */
    void kill() {
        process.destroyForcibly();
        waitForEnd();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForEnd();
        }
    }

    private void waitForEnd() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Path log) throws IOException {
        var ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " ended with exit code " + process.exitValue() + " while starting; log: "
                            + log + "\n" + tail(log));
                }
                try {
                    var response = client.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the HTTP server is not up yet
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + READY_TIMEOUT.toSeconds() + " s; log: " + log + "\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
