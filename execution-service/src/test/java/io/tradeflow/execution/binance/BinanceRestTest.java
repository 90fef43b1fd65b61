package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradeflow.execution.binance.BinanceRest.Security;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * BinanceRest against a local HTTP server that checks every signature on its own (javax.crypto here, not the code
 * under test) and answers what each test sets. Time is a fake clock: the gate's waits advance it instead of sleeping.
 */
class BinanceRestTest {

    static final String API_KEY = "apikey-Vx7Qm2Lp9Rt4Wz8Kc3Nb6Hd1Fg5Js0";
    static final String SECRET = "secret-Yh4Tn8Pk2Qs6Xw0Bv3Lm7Cr1Dz5Gf9";
    static final String ORDER = "/fapi/v1/order";
    static final String TIME_PATH = "/fapi/v1/time";
    static final long LOCAL = 1_000_000;
    static final long SERVER = 1_005_000;

    private final AtomicLong now = new AtomicLong(LOCAL);
    private final List<Long> sleeps = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<BinanceRest> clients = new ArrayList<>();
    /** One per test, as in production one per account: its meters are registered once. */
    private final RequestGate gate = new RequestGate(RequestGate.Limits.DEFAULT, now::get, millis -> {
        sleeps.add(millis);
        now.addAndGet(millis);
    }, Duration.ofSeconds(65));
    private final BinanceRestMetrics metrics = new BinanceRestMetrics(registry, "testnet", gate);
    private LocalBinance server;

    @BeforeEach
    void start() {
        server = new LocalBinance();
        server.answer("GET " + TIME_PATH, 200, "{\"serverTime\":" + SERVER + "}");
    }

    @AfterEach
    void stop() {
        clients.forEach(BinanceRest::close);
        server.close();
    }

    private BinanceRest rest(Duration timeout, Optional<RequestSigner> signer, String baseUrl) {
        BinanceRest rest = new BinanceRest("testnet", FuturesApi.USD_M, URI.create(baseUrl), Optional.of(Secret.of(API_KEY)), signer,
                Duration.ofSeconds(5), timeout, gate, now::get, metrics);
        clients.add(rest);
        return rest;
    }

    private BinanceRest rest() {
        return rest(Duration.ofSeconds(5), Optional.of(RequestSigner.hmac(Secret.of(SECRET))), server.url());
    }

    private static Map<String, String> order() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("symbol", "BTCUSDT");
        params.put("side", "BUY");
        params.put("type", "MARKET");
        params.put("quantity", "0.028");
        params.put("newClientOrderId", "tf-3f2a:x/y");
        params.put("newOrderRespType", "RESULT");
        return params;
    }

    @Test
    void aSignedOrderCarriesKeyTimestampWindowAndAValidSignatureLast() throws Exception {
        server.answer("POST " + ORDER, 200, "{\"orderId\":22542179,\"status\":\"FILLED\",\"avgPrice\":0.1,"
                + "\"executedQty\":\"0.028\"}");

        JsonNode answer = rest().post(ORDER, order(), Security.SIGNED);

        assertThat(answer.get("orderId").longValue()).isEqualTo(22542179);
        assertThat(answer.get("avgPrice").isBigDecimal()).isTrue(); // never a double
        assertThat(answer.get("avgPrice").decimalValue()).isEqualTo(new BigDecimal("0.1"));
        LocalBinance.Request sent = server.requests(ORDER).getFirst();
        assertThat(sent.apiKey()).isEqualTo(API_KEY);
        // Parameters in the caller's order, values URL-encoded, timestamp from the server clock, signature last.
        assertThat(sent.query()).startsWith("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.028"
                + "&newClientOrderId=tf-3f2a%3Ax%2Fy&newOrderRespType=RESULT&recvWindow=5000&timestamp=" + SERVER
                + "&signature=");
        assertThat(hmacValid(sent)).isTrue();
        assertThat(server.requests(TIME_PATH)).hasSize(1); // the first signed request synced the clock
    }

    @Test
    void aWrongSecretIsCaughtByTheServersCheck() throws Exception {
        // The fake's verification can fail: a request signed with another secret does not pass it.
        server.answer("POST " + ORDER, 200, "{}");
        rest(Duration.ofSeconds(5), Optional.of(RequestSigner.hmac(Secret.of("another-secret"))), server.url())
                .post(ORDER, order(), Security.SIGNED);
        assertThat(hmacValid(server.requests(ORDER).getFirst())).isFalse();
    }

    @Test
    void apiKeyAndPublicRequestsCarryNoSignature() throws Exception {
        server.answer("POST /fapi/v1/listenKey", 200, "{\"listenKey\":\"pqia91ma19a5s61cv6a81va65sdf19v8a65a1\"}");
        server.answer("GET /fapi/v1/exchangeInfo", 200, "");

        JsonNode key = rest().post("/fapi/v1/listenKey", Map.of(), Security.API_KEY);
        JsonNode info = rest().get("/fapi/v1/exchangeInfo", Map.of(), Security.NONE);

        assertThat(key.get("listenKey").asText()).startsWith("pqia91");
        assertThat(info.isObject()).isTrue(); // an empty answer is an empty object
        LocalBinance.Request listenKey = server.requests("/fapi/v1/listenKey").getFirst();
        assertThat(listenKey.apiKey()).isEqualTo(API_KEY);
        assertThat(listenKey.query()).isNull();
        assertThat(server.requests("/fapi/v1/exchangeInfo").getFirst().apiKey()).isNull();
        assertThat(server.requests(TIME_PATH)).isEmpty();
    }

    @Test
    void ed25519SignaturesVerifyAtTheServer(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        RequestSigner signer = RequestSigner.ed25519(RequestSignerTest.writePem(dir.resolve("k.pem"), pair));
        server.answer("GET /fapi/v3/positionRisk", 200, "[]");

        rest(Duration.ofSeconds(5), Optional.of(signer), server.url())
                .get("/fapi/v3/positionRisk", Map.of("symbol", "BTCUSDT"), Security.SIGNED);

        LocalBinance.Request sent = server.requests("/fapi/v3/positionRisk").getFirst();
        assertThat(ed25519Valid(sent, pair.getPublic())).isTrue();
        assertThat(ed25519Valid(sent, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()))
                .isFalse();
    }

    @Test
    void binanceErrorsAreClassified() throws Exception {
        server.answer("POST " + ORDER, 400, resource("usdm_error_-2019.official_docs.json"));
        BinanceException margin = failure(() -> rest().post(ORDER, order(), Security.SIGNED));
        assertThat(margin.httpStatus()).isEqualTo(400);
        assertThat(margin.code()).hasValue(-2019);
        assertThat(margin.binanceMessage()).isEqualTo("Margin is insufficient.");
        assertThat(margin.handling()).isEqualTo(Handling.REJECT);
        assertThat(margin.getMessage()).contains("POST /fapi/v1/order", "HTTP 400", "-2019", "MARGIN_NOT_SUFFICIEN",
                "REJECT");

        server.answer("POST " + ORDER, 400, resource("usdm_error_-2022.official_docs.json"));
        assertThat(failure(() -> rest().post(ORDER, order(), Security.SIGNED)).handling()).isEqualTo(Handling.RESYNC);

        server.answer("POST " + ORDER, 400, resource("usdm_error_-4164.official_docs.json"));
        assertThat(failure(() -> rest().post(ORDER, order(), Security.SIGNED)).handling()).isEqualTo(Handling.REJECT);

        server.answer("GET /fapi/v1/premiumIndex", 400, resource("usdm_error_payload_format.official_docs.json"));
        BinanceException symbol = failure(() -> rest().get("/fapi/v1/premiumIndex", Map.of("symbol", "NOPE"),
                Security.NONE));
        assertThat(symbol.code()).hasValue(-1121);
        assertThat(symbol.handling()).isEqualTo(Handling.REJECT);

        server.answer("POST /fapi/v1/marginType", 400, "{\"code\":-4046,\"msg\":\"No need to change margin type.\"}");
        BinanceException noNeed = failure(() -> rest().post("/fapi/v1/marginType",
                Map.of("symbol", "BTCUSDT", "marginType", "ISOLATED"), Security.SIGNED));
        assertThat(noNeed.alreadyDone()).isTrue();

        assertThat(registry.get("tradeflow.binance.errors").tag("code", "-2019").counter().count()).isEqualTo(1);
    }

    @Test
    void serverErrorsOnAnOrderAreUnknownOutcomesAndOnAReadRetries() throws Exception {
        server.answer("POST " + ORDER, 502, "<html><body>502 Bad Gateway</body></html>");
        BinanceException order = failure(() -> rest().post(ORDER, order(), Security.SIGNED));
        assertThat(order.handling()).isEqualTo(Handling.UNKNOWN_OUTCOME);
        assertThat(order.httpStatus()).isEqualTo(502);
        assertThat(order.code()).isEmpty();
        assertThat(order.getMessage()).contains("502 Bad Gateway");

        // Even the docs' "certain failure" variant: query first, a wrong guess would be a second order.
        server.answer("POST " + ORDER, 503, "{\"code\":-1008,\"msg\":\"Request throttled by system-level protection.\"}");
        assertThat(failure(() -> rest().post(ORDER, order(), Security.SIGNED)).handling())
                .isEqualTo(Handling.UNKNOWN_OUTCOME);

        server.answer("DELETE " + ORDER, 503, "{\"code\":-1000,\"msg\":\"Unknown error, please check your request.\"}");
        assertThat(failure(() -> rest().delete(ORDER, Map.of("symbol", "BTCUSDT"), Security.SIGNED)).handling())
                .isEqualTo(Handling.UNKNOWN_OUTCOME);

        server.answer("GET /fapi/v1/openOrders", 503, "{\"code\":-1001,\"msg\":\"Internal error; unable to process.\"}");
        assertThat(failure(() -> rest().get("/fapi/v1/openOrders", Map.of(), Security.SIGNED)).handling())
                .isEqualTo(Handling.RETRY);

        server.answer("POST " + ORDER, 400, "{\"code\":-1007,\"msg\":\"Timeout waiting for response from backend.\"}");
        assertThat(failure(() -> rest().post(ORDER, order(), Security.SIGNED)).handling())
                .isEqualTo(Handling.UNKNOWN_OUTCOME);

        server.answer("POST " + ORDER, 200, "this is not json");
        assertThat(failure(() -> rest().post(ORDER, order(), Security.SIGNED)).handling())
                .isEqualTo(Handling.UNKNOWN_OUTCOME);
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnknownForAnOrderAndARetryForARead() {
        server.hang("POST " + ORDER);
        server.hang("GET /fapi/v1/openOrders");
        BinanceRest rest = rest(Duration.ofMillis(300), Optional.of(RequestSigner.hmac(Secret.of(SECRET))),
                server.url());

        BinanceException order = failure(() -> rest.post(ORDER, order(), Security.SIGNED));
        assertThat(order.handling()).isEqualTo(Handling.UNKNOWN_OUTCOME);
        assertThat(order.httpStatus()).isZero();
        assertThat(order.getMessage()).contains("no answer within 300 ms");
        assertThat(failure(() -> rest.get("/fapi/v1/openOrders", Map.of(), Security.SIGNED)).handling())
                .isEqualTo(Handling.RETRY);
        assertThat(registry.get("tradeflow.binance.errors").tag("code", "timeout").counter().count()).isEqualTo(2);
    }

    @Test
    void noConnectionIsARetryEvenForAnOrder() {
        BinanceRest rest = rest(Duration.ofSeconds(2), Optional.of(RequestSigner.hmac(Secret.of(SECRET))),
                "http://127.0.0.1:" + closedPort());
        BinanceException e = failure(() -> rest.post("/fapi/v1/listenKey", Map.of(), Security.API_KEY));
        assertThat(e.handling()).isEqualTo(Handling.RETRY);
        assertThat(e.httpStatus()).isZero();
    }

    @Test
    void a429HoldsTheNextRequestForRetryAfter() throws Exception {
        server.answer("POST " + ORDER, 429, resource("usdm_error_-1003.official_docs.json"), Map.of("Retry-After", "7"));
        BinanceRest rest = rest();

        BinanceException limited = failure(() -> rest.post(ORDER, order(), Security.SIGNED));
        assertThat(limited.handling()).isEqualTo(Handling.RETRY);
        assertThat(limited.code()).hasValue(-1003);
        assertThat(server.requests(ORDER)).hasSize(1); // no automatic retry

        server.answer("POST " + ORDER, 200, "{\"orderId\":1}");
        rest.post(ORDER, order(), Security.SIGNED);
        assertThat(sleeps).containsExactly(7_000L);
        // The wait came before the send: the second order is timestamped 7 s later.
        assertThat(server.requests(ORDER).get(1).param("timestamp")).isEqualTo(Long.toString(SERVER + 7_000));
    }

    @Test
    void aMinus1021ResyncsTheClockAndResendsOnce() throws Exception {
        server.thenAnswer("GET " + TIME_PATH, 200, "{\"serverTime\":" + (SERVER + 4_000) + "}");
        server.answer("POST " + ORDER, 400, resource("usdm_error_-1021.official_docs.json"));
        server.thenAnswer("POST " + ORDER, 200, "{\"orderId\":7}");
        BinanceRest rest = rest();

        JsonNode answer = rest.post(ORDER, order(), Security.SIGNED);

        assertThat(answer.get("orderId").intValue()).isEqualTo(7);
        List<LocalBinance.Request> orders = server.requests(ORDER);
        assertThat(orders).hasSize(2);
        assertThat(server.requests(TIME_PATH)).hasSize(2); // first sync, then the resync
        assertThat(orders.get(0).param("timestamp")).isEqualTo(Long.toString(SERVER));
        assertThat(orders.get(1).param("timestamp")).isEqualTo(Long.toString(SERVER + 4_000));
        assertThat(orders).allMatch(BinanceRestTest::hmacValid);
        assertThat(rest.clock().offsetMillis()).isEqualTo(SERVER + 4_000 - LOCAL);
        assertThat(registry.get("tradeflow.binance.errors").tag("code", "-1021").counter().count()).isEqualTo(1);
    }

    @Test
    void aSecondMinus1021GoesBackToTheCaller() {
        server.answer("POST " + ORDER, 400, resource("usdm_error_-1021.official_docs.json"));
        BinanceException e = failure(() -> rest().post(ORDER, order(), Security.SIGNED));
        assertThat(e.code()).hasValue(-1021);
        assertThat(e.handling()).isEqualTo(Handling.RESYNC);
        assertThat(server.requests(ORDER)).hasSize(2);
    }

    @Test
    void aMinus1021OnAnUnsignedRequestIsNotRetried() {
        server.answer("POST /fapi/v1/listenKey", 400, resource("usdm_error_-1021.official_docs.json"));
        failure(() -> rest().post("/fapi/v1/listenKey", Map.of(), Security.API_KEY));
        assertThat(server.requests("/fapi/v1/listenKey")).hasSize(1);
    }

    @Test
    void anEchoedKeyOrSignatureIsCutFromTheMessage() {
        server.answer("POST " + ORDER, 400, "{\"code\":-1022,\"msg\":\"Signature {signature} for key {apikey} bad\"}");
        BinanceException e = failure(() -> rest().post(ORDER, order(), Security.SIGNED));
        assertThat(e.handling()).isEqualTo(Handling.REJECT);
        assertThat(e.binanceMessage()).isEqualTo("Signature *** for key *** bad");
    }

    @Test
    void theGateSeesTheWeightHeaders() throws Exception {
        server.answer("GET /fapi/v1/ticker/price", 200, "{}", Map.of("X-MBX-USED-WEIGHT-1M", "42"));
        BinanceRest rest = rest();
        rest.get("/fapi/v1/ticker/price", Map.of(), Security.NONE);
        assertThat(rest.gate().usedWeight()).isEqualTo(42);
        assertThat(registry.get("tradeflow.binance.request.weight.used").gauge().value()).isEqualTo(42);
    }

    @Test
    void missingKeysAndReservedParametersAreProgrammingErrors() {
        BinanceRest unsigned = rest(Duration.ofSeconds(5), Optional.empty(), server.url());
        assertThatThrownBy(() -> unsigned.post(ORDER, order(), Security.SIGNED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot sign");
        assertThat(unsigned.canSign()).isFalse();
        assertThatThrownBy(() -> rest().get("/fapi/v1/openOrders", Map.of("timestamp", "1"), Security.SIGNED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rest().get("/fapi/v1/openOrders?symbol=X", Map.of(), Security.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(rest().toString()).doesNotContain(API_KEY).doesNotContain(SECRET);
        assertThat(server.requests(ORDER)).isEmpty();
    }

    /** Runs {@code call}, expects a BinanceException and checks that no key or signature is anywhere in it. */
    private BinanceException failure(ThrowingCall call) {
        BinanceException e = catchThrowableOfType(BinanceException.class, call::run);
        assertThat(e).as("a BinanceException").isNotNull();
        assertNoSecrets(e);
        return e;
    }

    private void assertNoSecrets(Throwable t) {
        List<String> secrets = new ArrayList<>(List.of(API_KEY, SECRET));
        for (LocalBinance.Request r : server.all()) {
            String signature = r.param("signature");
            if (signature != null) {
                secrets.add(signature);
                secrets.add(BinanceRest.encode(signature));
            }
        }
        for (Throwable x = t; x != null; x = x.getCause()) {
            for (String secret : secrets) {
                assertThat(String.valueOf(x.getMessage())).doesNotContain(secret);
                assertThat(x.toString()).doesNotContain(secret);
            }
            for (Throwable suppressed : x.getSuppressed()) {
                assertNoSecrets(suppressed);
            }
        }
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    /** Verified here with javax.crypto over the raw query up to {@code &signature=}. */
    static boolean hmacValid(LocalBinance.Request request) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal(request.signedPayload()
                    .getBytes(StandardCharsets.UTF_8)));
            return expected.equals(request.param("signature"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean ed25519Valid(LocalBinance.Request request, PublicKey key) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(request.signedPayload().getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getDecoder().decode(request.param("signature")));
    }

    private static String resource(String name) {
        try (InputStream in = BinanceRestTest.class.getResourceAsStream("/binance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stand-in for Binance's REST host: per "METHOD path" a list of answers, the last one repeated. */
    static final class LocalBinance implements AutoCloseable {

        record Request(String method, String path, String query, String apiKey) {
            /** A parameter's value, URL-decoded; null when absent. */
            String param(String name) {
                if (query == null) {
                    return null;
                }
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    if (pair.substring(0, eq).equals(name)) {
                        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    }
                }
                return null;
            }

            /** The query as received, up to the signature: what the client had to sign. */
            String signedPayload() {
                int at = query.lastIndexOf("&signature=");
                return query.substring(0, at);
            }
        }

        record Answer(int status, String body, Map<String, String> headers, boolean hang) {
        }

        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool();
        private final Map<String, ConcurrentLinkedDeque<Answer>> answers = new ConcurrentHashMap<>();
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final CountDownLatch released = new CountDownLatch(1);

        LocalBinance() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        /** From now on {@code route} answers this (replacing what it answered before). */
        void answer(String route, int status, String body) {
            answer(route, status, body, Map.of());
        }

        /** After the answers set so far (each given once), {@code route} answers this. */
        void thenAnswer(String route, int status, String body) {
            answers.get(route).add(new Answer(status, body, Map.of(), false));
        }

        void answer(String route, int status, String body, Map<String, String> headers) {
            answers.put(route, new ConcurrentLinkedDeque<>(List.of(new Answer(status, body, headers, false))));
        }

        /** Never answers (until the test ends). */
        void hang(String route) {
            answers.put(route, new ConcurrentLinkedDeque<>(List.of(new Answer(200, "{}", Map.of(), true))));
        }

        List<Request> requests(String path) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }

        List<Request> all() {
            return requests;
        }

        private void handle(HttpExchange exchange) throws IOException {
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("X-MBX-APIKEY"));
            requests.add(request);
            ConcurrentLinkedDeque<Answer> queue = answers.get(request.method() + " " + request.path());
            Answer answer = queue == null ? new Answer(404, "{\"code\":-5000,\"msg\":\"Path not found\"}", Map.of(),
                    false) : queue.size() > 1 ? queue.poll() : queue.peek();
            if (answer.hang()) {
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String body = answer.body();
            if (request.query() != null && request.param("signature") != null) {
                body = body.replace("{signature}", request.param("signature"));
            }
            body = body.replace("{apikey}", String.valueOf(request.apiKey()));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            try {
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // the client gave up (timeout test): nothing to answer to
            }
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
