package io.tradeflow.execution.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for Binance's REST host: answers {@code /fapi/v1/exchangeInfo} and {@code /dapi/v1/exchangeInfo}
 * with whatever a test sets, and records the requests it got.
 */
final class FakeBinance implements AutoCloseable {

    static final String USD_M_PATH = "/fapi/v1/exchangeInfo";
    static final String COIN_M_PATH = "/dapi/v1/exchangeInfo";

    record Answer(int status, String body, Duration delay) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeBinance() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeBinance answer(String path, int status, String body) {
        return answer(path, status, body, Duration.ZERO);
    }

    FakeBinance answer(String path, int status, String body, Duration delay) {
        answers.put(path, new Answer(status, body, delay));
        return this;
    }

    /** A port on which nothing listens (bound, then released). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        Answer answer = answers.getOrDefault(exchange.getRequestURI().getPath(),
                new Answer(404, "{\"code\":-5000,\"msg\":\"Path not found\"}", Duration.ZERO));
        try {
            Thread.sleep(answer.delay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
