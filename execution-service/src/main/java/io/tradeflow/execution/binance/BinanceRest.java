package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * One Binance USD-M account's REST connection: signs, sends, parses, and classifies every failure. Blocking; call it
 * from worker threads (it is thread-safe).
 *
 * <p>A request: parameters in the map's iteration order, values URL-encoded, in the query string for every method
 * (the docs allow it for POST, PUT and DELETE too; no body). {@link Security#API_KEY} adds the {@code X-MBX-APIKEY}
 * header; {@link Security#SIGNED} also adds {@code recvWindow} and {@code timestamp} ({@link ServerClock#now()}) and
 * then {@code signature} last, signed over the query string before it ({@link RequestSigner}). The first signed request
 * measures the clock first. Every request passes the {@link RequestGate} (rate limits) first.
 *
 * <p>Failures are {@link BinanceException}s with a {@link Handling}:
 * <ul>
 *   <li>a Binance error body {@code {"code":..,"msg":..}} with HTTP 4xx: as {@link ErrorCodes} classifies the code;</li>
 *   <li>HTTP 429 or 418: {@link Handling#RETRY}, after the gate's back-off (it holds every request meanwhile);</li>
 *   <li>HTTP 5xx or 408, no answer within the timeout, a connection lost after sending, or a 2xx that is not JSON:
 *       on a GET {@link Handling#RETRY}; on a POST, PUT or DELETE {@link Handling#UNKNOWN_OUTCOME}: <b>the order may
 *       exist; query it (by clientOrderId) before sending anything again</b>. The docs name 503 variants that are
 *       certain failures (-1008, "Service Unavailable."); they are UNKNOWN_OUTCOME here all the same, since the query
 *       costs one request and a wrong guess costs a second order;</li>
 *   <li>no connection at all (refused, connect timeout): {@link Handling#RETRY}, nothing was sent.</li>
 * </ul>
 * The one automatic retry: a -1021 (timestamp outside recvWindow) on a signed request resyncs the clock and sends the
 * request once more, with a new timestamp and signature. A -1021 means Binance refused the request, so resending
 * cannot duplicate anything. Everything else goes back to the caller.
 *
 * <p>Nothing secret leaves this class: exception messages name the method and path, never the query (which holds the
 * signature); the key and the signature are cut out of Binance's messages should it ever echo them; nothing is logged
 * above DEBUG per request.
 */
public final class BinanceRest implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BinanceRest.class);

    /** Decimals as BigDecimal even where Binance sends a JSON number. */
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Order placements (under /fapi or /dapi): counted by the order rate limits, so the gate checks those too. */
    private static final Set<String> ORDER_ENDPOINTS = Set.of("order", "batchOrders", "algoOrder");

    private static final Set<String> SIGNING_PARAMETERS = Set.of("timestamp", "recvWindow", "signature");

    /** Who the endpoint wants to know: USD-M "General Info", "Endpoint Security Type". */
    public enum Security {
        /** Public (market data, exchangeInfo, server time). */
        NONE,
        /** {@code X-MBX-APIKEY} header only (USER_STREAM: the listenKey endpoints). */
        API_KEY,
        /** Header, timestamp, recvWindow and signature (TRADE, USER_DATA). */
        SIGNED
    }

    public enum Method { GET, POST, PUT, DELETE }

    private final String account;
    private final FuturesApi api;
    private final String baseUrl;
    private final Optional<Secret> apiKey;
    private final Optional<RequestSigner> signer;
    private final long recvWindowMillis;
    private final Duration requestTimeout;
    private final RequestGate gate;
    private final BinanceRestMetrics metrics;
    private final ServerClock clock;
    private final ErrorCodes codes = ErrorCodes.usdM();
    private final HttpClient http;

    /**
     * @param account     {@code testnet} or {@code live}: for logs and metric tags
     * @param api         the market whose endpoints {@code baseUrl} serves (server time: {@code {api}/v1/time})
     * @param baseUrl     REST base, e.g. {@code https://fapi.binance.com}
     * @param apiKey      needed for API_KEY and SIGNED requests
     * @param signer      needed for SIGNED requests
     * @param localMillis this host's clock ({@code System::currentTimeMillis}); the server clock is derived from it
     */
    public BinanceRest(String account, FuturesApi api, URI baseUrl, Optional<Secret> apiKey,
                       Optional<RequestSigner> signer, Duration recvWindow, Duration requestTimeout, RequestGate gate,
                       LongSupplier localMillis, BinanceRestMetrics metrics) {
        this.account = Objects.requireNonNull(account, "account");
        this.api = Objects.requireNonNull(api, "api");
        this.baseUrl = base(baseUrl);
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.recvWindowMillis = recvWindow.toMillis();
        if (recvWindowMillis <= 0 || recvWindowMillis > 60_000) {
            throw new IllegalArgumentException("recvWindow must be within (0, 60 s]: " + recvWindow);
        }
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = new ServerClock(this::serverTime, localMillis);
        this.http = HttpClient.newBuilder().connectTimeout(requestTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The connection of one configured account to one market's REST base ({@code rest-url} or {@code coin-m-rest-url}),
     * on this host's clock, with the default gate. Metric tags name the account, and the market for COIN-M
     * ({@code testnet-coin-m}), whose limits Binance counts apart.
     */
    public static BinanceRest create(String account, BinanceAccounts.Account config, FuturesApi api,
                                     double rateLimitShare, MeterRegistry registry) {
        RequestGate gate = RequestGate.system(rateLimitShare);
        String tag = api == FuturesApi.COIN_M ? account + "-coin-m" : account;
        String base = api == FuturesApi.COIN_M ? config.coinMRestUrl() : config.restUrl();
        return new BinanceRest(tag, api, URI.create(base.strip()), config.apiKey(), RequestSigner.of(config),
                config.recvWindow(), config.requestTimeout(), gate, System::currentTimeMillis,
                new BinanceRestMetrics(registry, tag, gate));
    }

    /** The market whose endpoints this client calls. */
    public FuturesApi api() {
        return api;
    }

    /** GET {@code path} with {@code params} (in their order) as {@link #send} does. */
    public JsonNode get(String path, Map<String, String> params, Security security)
            throws BinanceException, InterruptedException {
        return send(Method.GET, path, params, security);
    }

    /** POST {@code path} with {@code params} (in their order) as {@link #send} does. */
    public JsonNode post(String path, Map<String, String> params, Security security)
            throws BinanceException, InterruptedException {
        return send(Method.POST, path, params, security);
    }

    /** PUT {@code path} with {@code params} (in their order) as {@link #send} does. */
    public JsonNode put(String path, Map<String, String> params, Security security)
            throws BinanceException, InterruptedException {
        return send(Method.PUT, path, params, security);
    }

    /** DELETE {@code path} with {@code params} (in their order) as {@link #send} does. */
    public JsonNode delete(String path, Map<String, String> params, Security security)
            throws BinanceException, InterruptedException {
        return send(Method.DELETE, path, params, security);
    }

    /**
     * Sends one request and returns the answer's JSON (an empty object for an empty body). A 2xx is returned as it
     * is, even one that carries per-item errors (batch orders answer 200 with {@code {code,msg}} items). On a POST,
     * PUT or DELETE, a timeout or HTTP 5xx is {@link Handling#UNKNOWN_OUTCOME}: query before resending.
     *
     * @param path   e.g. {@code /fapi/v1/order}; no query
     * @param params sent in iteration order (use a LinkedHashMap when the order matters to you; Binance accepts any);
     *               never {@code timestamp}, {@code recvWindow} or {@code signature}, which SIGNED adds
     * @throws BinanceException      the request failed; its {@link BinanceException#handling()} says what next
     * @throws IllegalStateException the account lacks the key or signer {@code security} needs (configuration)
     */
    public JsonNode send(Method method, String path, Map<String, String> params, Security security)
            throws BinanceException, InterruptedException {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(security, "security");
        if (path == null || !path.startsWith("/") || path.contains("?")) {
            throw new IllegalArgumentException("path must start with / and carry no query: " + path);
        }
        if (security != Security.NONE && apiKey.isEmpty()) {
            throw new IllegalStateException("Binance account " + account + " has no api-key configured");
        }
        if (security == Security.SIGNED) {
            if (signer.isEmpty()) {
                throw new IllegalStateException("Binance account " + account
                        + " has neither secret-key nor private-key-file configured: it cannot sign");
            }
            clock.ensureSynced();
        }
        try {
            return attempt(method, path, params, security);
        } catch (BinanceException e) {
            if (security != Security.SIGNED || e.code().orElse(0) != -1021) {
                throw e;
            }
            try {
                long offset = clock.resync();
                LOG.infof("Binance %s: -1021 on %s, clock resynced (offset %d ms), sending it once more", account,
                        e.request(), offset);
            } catch (BinanceException resyncFailure) {
                e.addSuppressed(resyncFailure);
                throw e;
            }
            return attempt(method, path, params, security);
        }
    }

    /** Binance's clock as this connection sees it. */
    public ServerClock clock() {
        return clock;
    }

    /** The gate every request of this account waits at (rate limits, Retry-After). */
    public RequestGate gate() {
        return gate;
    }

    /** {@code testnet} or {@code live}. */
    public String account() {
        return account;
    }

    /** Whether SIGNED requests can be made (an api key and a signer are configured). */
    public boolean canSign() {
        return apiKey.isPresent() && signer.isPresent();
    }

    /** Whether API_KEY requests (the listenKey endpoints) can be made. */
    public boolean hasApiKey() {
        return apiKey.isPresent();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    @Override
    public String toString() {
        return "BinanceRest[" + account + ", " + baseUrl + ", signer " + signer.map(RequestSigner::algorithm)
                .orElse("none") + "]";
    }

    private JsonNode attempt(Method method, String path, Map<String, String> params, Security security)
            throws BinanceException, InterruptedException {
        String request = method + " " + path;
        boolean write = method != Method.GET;
        boolean orderPlacement = (method == Method.POST || method == Method.PUT)
                && ORDER_ENDPOINTS.stream().anyMatch(endpoint -> path.equals(api.v1(endpoint)));
        gate.awaitTurn(orderPlacement, request);

        StringBuilder query = new StringBuilder();
        params.forEach((name, value) -> {
            if (security == Security.SIGNED && SIGNING_PARAMETERS.contains(name)) {
                throw new IllegalArgumentException(name + " is added by BinanceRest; do not pass it");
            }
            append(query, name, Objects.requireNonNull(value, name));
        });
        String signature = null;
        if (security == Security.SIGNED) {
            append(query, "recvWindow", Long.toString(recvWindowMillis));
            append(query, "timestamp", Long.toString(clock.now()));
            signature = signer.orElseThrow().sign(query.toString());
            append(query, "signature", signature);
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path
                        + (query.isEmpty() ? "" : "?" + query)))
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (security != Security.NONE) {
            builder.header("X-MBX-APIKEY", apiKey.orElseThrow().reveal());
        }
        builder.method(method.name(), HttpRequest.BodyPublishers.noBody());

        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw failure(request, 0, null, "no connection (" + e.getClass().getSimpleName() + ")", Handling.RETRY,
                    "no_connection", e);
        } catch (HttpTimeoutException e) {
            throw failure(request, 0, null, "no answer within " + requestTimeout.toMillis() + " ms",
                    write ? Handling.UNKNOWN_OUTCOME : Handling.RETRY, "timeout", e);
        } catch (IOException e) {
            throw failure(request, 0, null, "connection failed (" + e.getClass().getSimpleName() + ")",
                    write ? Handling.UNKNOWN_OUTCOME : Handling.RETRY, "io", e);
        }

        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        JsonNode json = parse(body);
        boolean binanceError = json != null && json.path("code").isIntegralNumber() && json.path("msg").isTextual();
        Integer code = binanceError ? json.get("code").intValue() : null;
        String msg = binanceError ? redact(json.get("msg").asText(), signature) : null;
        gate.onResponse(status, response.headers()::firstValue, msg);

        if (status / 100 == 2) {
            if (json == null) {
                throw failure(request, status, null, "answer is not JSON: " + brief(redact(body, signature)),
                        write ? Handling.UNKNOWN_OUTCOME : Handling.RETRY, "malformed", null);
            }
            return json.isMissingNode() ? MAPPER.createObjectNode() : json;
        }
        String detail = binanceError
                ? codes.classify(code).name() + ", " + msg
                : brief(redact(body, signature));
        String tag = code != null ? code.toString() : "http_" + status;
        if (status >= 500 || status == 408) {
            throw failure(request, status, code, detail, write ? Handling.UNKNOWN_OUTCOME : Handling.RETRY, tag, null);
        }
        if (status == 429 || status == 418) {
            throw failure(request, status, code, detail, Handling.RETRY, tag, null);
        }
        if (code != null) {
            BinanceException e = new BinanceException(request, status, code, msg, codes.handling(code, write),
                    codes.alreadyDone(code), detail, null);
            metrics.error(tag);
            throw e;
        }
        // Any other status without Binance's body: 3xx (redirects are not followed), 403 (WAF), 404, 451 (location).
        throw failure(request, status, null, detail, Handling.REJECT, tag, null);
    }

    private BinanceException failure(String request, int status, Integer code, String detail, Handling handling,
                                     String tag, Throwable cause) {
        metrics.error(tag);
        return new BinanceException(request, status, code, detail, handling, false, detail, cause);
    }

    private long serverTime() throws BinanceException, InterruptedException {
        String timePath = api.v1("time");
        JsonNode answer = send(Method.GET, timePath, Map.of(), Security.NONE);
        if (!answer.path("serverTime").isIntegralNumber()) {
            throw failure("GET " + timePath, 200, null, "answer has no serverTime", Handling.RETRY, "malformed",
                    null);
        }
        return answer.get("serverTime").longValue();
    }

    /** The body as JSON; MissingNode for an empty body, null when it is not JSON. */
    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Cuts the api key and the signature out of text that came from the server (a belt to the braces). */
    private String redact(String text, String signature) {
        String out = text;
        if (signature != null) {
            out = out.replace(signature, "***").replace(encode(signature), "***");
        }
        if (apiKey.isPresent()) {
            out = out.replace(apiKey.get().reveal(), "***");
        }
        return out;
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(encode(name)).append('=').append(encode(value));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String base(URI uri) {
        Objects.requireNonNull(uri, "baseUrl");
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Binance REST base must be an absolute http(s) URL: " + uri);
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** The body on one line, at most 200 characters. */
    private static String brief(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
