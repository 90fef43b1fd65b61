package io.tradeflow.execution.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The wire client of {@link BinanceFuturesFake}'s own tests: plain HTTP requests that sign themselves as the docs say
 * (HMAC-SHA256 of the query string, {@code signature} last, with the fake's default key and secret) and plain
 * WebSockets that collect what the user stream sends. No code of the service's Binance client is involved, so the
 * tests show the fake's wire behaviour, not the client's. Closing it aborts the WebSockets it opened.
 */
final class FakeWire implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    /** How long a test waits for a message or a connection: a guard, not a measure. */
    static final Duration GUARD = Duration.ofSeconds(10);
    static final String KEY = BinanceFuturesFake.DEFAULT_API_KEY;

    /** One HTTP answer and its JSON body. */
    record Answer(HttpResponse<String> response, JsonNode body) {
        int status() {
            return response.statusCode();
        }
    }

    private final BinanceFuturesFake binance;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Stream> streams = new ArrayList<>();

    FakeWire(BinanceFuturesFake binance) {
        this.binance = binance;
    }

    /** A signed request; {@code timestamp} is the fake's time unless given in {@code params} (name, value, ...). */
    Answer signed(String method, String path, String... params) throws Exception {
        StringBuilder query = new StringBuilder();
        boolean timed = false;
        for (int i = 0; i < params.length; i += 2) {
            query.append(query.isEmpty() ? "" : "&").append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
            timed |= params[i].equals("timestamp");
        }
        if (!timed) {
            query.append(query.isEmpty() ? "" : "&").append("timestamp=").append(binance.now());
        }
        return raw(method, path + "?" + query + "&signature=" + sign(query.toString()), KEY);
    }

    /** A request as given, with header {@code X-MBX-APIKEY} when {@code apiKey} is not null. */
    Answer raw(String method, String pathAndQuery, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(binance.restUrl() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (apiKey != null) {
            request.header("X-MBX-APIKEY", apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response, JSON.readTree(response.body()));
    }

    /** {@code method} (POST, PUT) on the listenKey endpoint {@code path}: the key it answers. */
    String listenKey(String method, String path) throws Exception {
        return raw(method, path, KEY).body().get("listenKey").asText();
    }

    /** Opens a user-stream WebSocket at {@code url} and waits until the fake counts it among its connections. */
    Stream connect(String url) throws Exception {
        Stream stream = new Stream();
        stream.socket = http.newWebSocketBuilder().buildAsync(URI.create(url), stream)
                .get(GUARD.toSeconds(), TimeUnit.SECONDS);
        streams.add(stream);
        binance.awaitStreamConnections(streams.size(), GUARD);
        return stream;
    }

    /** Whether a WebSocket upgrade at {@code url} is accepted (the socket is then aborted at once). */
    boolean tryConnect(String url) {
        try {
            http.newWebSocketBuilder().buildAsync(URI.create(url), new Stream())
                    .get(GUARD.toSeconds(), TimeUnit.SECONDS).abort();
            return true;
        } catch (Exception refused) {
            return false;
        }
    }

    @Override
    public void close() {
        streams.forEach(stream -> stream.socket.abort());
    }

    static String sign(String payload) {
        return hmac(BinanceFuturesFake.DEFAULT_SECRET, payload);
    }

    static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertError(Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(status);
        assertThat(answer.body().get("code").asInt()).isEqualTo(code);
    }

    /** {@code ORDER_TRADE_UPDATE x X}, {@code ALGO_UPDATE X}, or the event type. */
    static String describe(JsonNode event) {
        String type = event.get("e").asText();
        return switch (type) {
            case "ORDER_TRADE_UPDATE" -> type + " " + event.get("o").get("x").asText() + " "
                    + event.get("o").get("X").asText();
            case "ALGO_UPDATE" -> type + " " + event.get("o").get("X").asText();
            default -> type;
        };
    }

    /** A user-stream client: collects whole text messages; {@link #closed} completes with the close code. */
    static final class Stream implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CompletableFuture<Boolean> pong = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            pong.complete(true);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        /** The next {@code count} messages; fails when one does not come within {@link #GUARD}. */
        List<JsonNode> next(int count) throws InterruptedException {
            List<JsonNode> taken = new ArrayList<>();
            while (taken.size() < count) {
                JsonNode message = messages.poll(GUARD.toSeconds(), TimeUnit.SECONDS);
                assertThat(message).as("message %d of %d; got %s", taken.size() + 1, count, taken).isNotNull();
                taken.add(message);
            }
            return taken;
        }
    }
}
