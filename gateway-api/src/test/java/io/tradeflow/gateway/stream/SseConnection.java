package io.tradeflow.gateway.stream;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A test's SSE client on the JDK HttpClient: the lines of the response, read on a thread of their own, assembled
 * into events with a timeout on each read (a missing event fails the test instead of hanging it).
 */
final class SseConnection implements AutoCloseable {
    /** One SSE event; {@code id} and {@code event} are null when the server left them out. */
    record SseEvent(String event, String id, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String END = "\u0000end";

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SseConnection(HttpResponse<Stream<String>> response) {
        this.response = response;
        // A platform thread: a reader on a virtual thread waits for a free carrier (2 on a 2-core CI machine), which a
        // loaded test JVM may not give it for many seconds.
        Thread.ofPlatform().daemon().name("sse-test-reader").start(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (UncheckedIOException | IllegalStateException e) {
                // closed by the test (before or while reading)
            } finally {
                lines.add(END);
            }
        });
    }

    /** Opens the stream; returns once the response head has arrived. */
    static SseConnection open(URI uri, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseConnection(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                .get(30, TimeUnit.SECONDS));
    }

    int status() {
        return response.statusCode();
    }

    Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    /** The next event (comments and heartbeats skipped); fails after {@code timeout} without one. */
    SseEvent next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String event = null;
        String id = null;
        StringBuilder data = null;
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError(line == null ? "no event within " + timeout : "the stream ended");
            }
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(event, id, data.toString());
                }
                event = null;
                id = null;
            } else if (line.startsWith("event:")) {
                event = value(line);
            } else if (line.startsWith("id:")) {
                id = value(line);
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
            }
        }
    }

    /** The next comment line (the text after the colon); fails after {@code timeout} without one. */
    String nextComment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END)) {
                throw new AssertionError(line == null ? "no comment within " + timeout : "the stream ended");
            }
            if (line.startsWith(":")) {
                return value(line);
            }
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        // Closing the body stream cancels the response: the JDK client drops the connection, the server notices.
        response.body().close();
    }
}
