package io.tradeflow.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A service the gateway talks to, played in the test (JDK HttpServer on 127.0.0.1): it answers each method and path
 * with what the test set ({@link #answer}), anything else 404, and records every request it got.
 */
public final class FakeService implements AutoCloseable {
    /** A request as it arrived: method, path, raw query (null when none). */
    public record Request(String method, String path, String query) {
    }

    private record Answer(int status, String type, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private FakeService(HttpServer server) {
        this.server = server;
    }

    /** Starts answering on {@code port} of 127.0.0.1. */
    public static FakeService start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            FakeService fake = new FakeService(server);
            server.createContext("/", fake::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port it answers on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** A port of 127.0.0.1 nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port of a configured URL ({@code http://127.0.0.1:1234}). */
    public static int portOf(String url) {
        return URI.create(url).getPort();
    }

    public FakeService answer(String method, String path, int status, String type, String body) {
        answers.put(method + " " + path, new Answer(status, type, body, 0));
        return this;
    }

    /** Answers only after {@code delayMillis}: a service that hangs. */
    public FakeService answerLate(String method, String path, long delayMillis) {
        answers.put(method + " " + path, new Answer(200, "application/json", "{}", delayMillis));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery()));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + uri.getRawPath(),
                new Answer(404, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Not found\","
                        + "\"status\":404,\"detail\":\"the fake has no answer for " + uri.getRawPath() + "\"}", 0));
        try {
            Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.type());
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
