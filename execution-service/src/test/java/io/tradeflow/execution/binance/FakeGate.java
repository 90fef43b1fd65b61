package io.tradeflow.execution.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The door of {@link BinanceFuturesFake}'s REST API: request limits (429/418 and the X-MBX-* headers on every
 * answer), the API key, the timestamp and the signature, then the endpoint, then the one-shot failures a test asked
 * for. Rule source: the USD-M docs, General Info ("Timing security", "SIGNED endpoint security", "HTTP return
 * codes", "IP limits", "Order rate limits"); COIN-M's General Info says the same for {@code /dapi}. A path of the
 * other market ({@code /fapi} on a COIN-M fake, {@code /dapi} on a USD-M one) is answered 404 before anything else.
 */
final class FakeGate {

    /** Finds and runs an endpoint ({@code "POST /fapi/v1/order"}) with the request's parameters. */
    interface Route {
        JsonNode apply(String endpoint, FakeParams params);
    }

    private final Set<String> publicEndpoints;
    private final Set<String> orders;
    private final Set<String> queries;
    private final String listenKey;
    private final String algoOrder;
    /** {@code /fapi/} or {@code /dapi/}: every path of the fake's market starts so. */
    private final String root;
    /** Key of {@link #failNext} for a failure of whichever order comes next, plain or algo. */
    static final String ANY_ORDER = "any order";
    private static final long DEFAULT_RECV_WINDOW = 5000;
    /** Docs, HTTP 503 variant A: the request may have been executed, the outcome is unknown. */
    static final String UNKNOWN_OUTCOME = "Unknown error, please check your request or try again later.";

    private record Limit(int status, int retryAfterSeconds) {
    }

    private final String apiKey;
    private final SecretKeySpec secret;
    private final LongSupplier clock;
    /** Endpoint (or {@link #ANY_ORDER}) to the HTTP status its next answer gets after it was executed; 0 = none. */
    private final Map<String, Integer> failNext = new HashMap<>();
    private int hiddenQueries;
    private Limit limitNext;
    private Integer rejectNextAlgo;
    private long minute;
    private long tenSeconds;
    private int usedWeight;
    private int orders10s;
    private int orders1m;

    FakeGate(FuturesApi api, String apiKey, String secretKey, LongSupplier clock) {
        this.publicEndpoints = Set.of("GET " + api.v1("time"), "GET " + api.v1("exchangeInfo"));
        this.orders = Set.of("POST " + api.v1("order"), "POST " + api.v1("algoOrder"));
        this.queries = Set.of("GET " + api.v1("order"), "GET " + api.v1("algoOrder"));
        this.listenKey = api.v1("listenKey");
        this.algoOrder = "POST " + api.v1("algoOrder");
        this.root = api.v1("").substring(0, api.v1("").indexOf('/', 1) + 1);
        this.apiKey = apiKey;
        this.secret = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    synchronized void failNext(String endpoint, int status) {
        failNext.put(endpoint, status);
    }

    synchronized void hideQueries(int count) {
        hiddenQueries = count;
    }

    synchronized void limitNext(int status, int retryAfterSeconds) {
        limitNext = new Limit(status, retryAfterSeconds);
    }

    synchronized void rejectNextAlgo(int code) {
        FakeMessages.errorMessage(code);
        rejectNextAlgo = code;
    }

    synchronized void counts(int usedWeight1m, int orderCount10s, int orderCount1m) {
        roll();
        usedWeight = usedWeight1m;
        orders10s = orderCount10s;
        orders1m = orderCount1m;
    }

    void answer(HttpServerRequest request, Map<String, String> params, Route route) {
        String endpoint = request.method().name() + " " + request.path();
        if (!request.path().startsWith(root)) {
            respond(request, 404, FakeMessages.errorBody(-1000, "fake: no endpoint " + endpoint + "; this fake serves "
                    + root + "..."));
            return;
        }
        boolean order = orders.contains(endpoint);
        Limit limit = count(order);
        if (limit != null) {
            refuseForLimit(request, limit);
            return;
        }
        try {
            if (request.params().entries().size() != params.size()) {
                throw FakeRefusal.of(-1101);
            }
            if (endpoint.endsWith(" " + listenKey)) {
                checkKey(request);
            } else if (!publicEndpoints.contains(endpoint)) {
                checkSigned(request, params);
            }
            Integer rejection = endpoint.equals(algoOrder) ? takeRejection() : null;
            if (rejection != null) {
                throw FakeRefusal.of(rejection);
            }
            if (queries.contains(endpoint) && takeHiddenQuery()) {
                throw FakeRefusal.of(-2013);
            }
            JsonNode body = route.apply(endpoint, new FakeParams(params));
            Integer failure = takeFailure(endpoint, order);
            if (failure == null) {
                respond(request, 200, body.toString());
            } else if (failure == 0) {
                request.connection().close();
            } else {
                respond(request, failure, failure == 408
                        ? FakeMessages.errorBody(-1007, FakeMessages.errorMessage(-1007))
                        : FakeMessages.errorBody(-1000, UNKNOWN_OUTCOME));
            }
        } catch (FakeRefusal refusal) {
            respond(request, refusal.status, refusal.body());
        }
    }

    private void checkKey(HttpServerRequest request) {
        if (!apiKey.equals(request.getHeader("X-MBX-APIKEY"))) {
            throw new FakeRefusal(401, -2015, FakeMessages.errorMessage(-2015));
        }
    }

    /**
     * Docs: process when {@code timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow}; the
     * signature is the hex HMAC-SHA256 of the query string before {@code &signature=}, which must come last.
     */
    private void checkSigned(HttpServerRequest request, Map<String, String> params) {
        checkKey(request);
        FakeParams p = new FakeParams(params);
        String signature = p.required("signature");
        long timestamp = p.longValue("timestamp") == null ? missing("timestamp") : p.longValue("timestamp");
        Long recvWindow = p.longValue("recvWindow");
        long serverTime = clock.getAsLong();
        if (timestamp >= serverTime + 1000) {
            throw new FakeRefusal(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (serverTime - timestamp > (recvWindow == null ? DEFAULT_RECV_WINDOW : recvWindow)) {
            throw FakeRefusal.of(-1021);
        }
        String query = request.query();
        int at = query.lastIndexOf("&signature=");
        boolean last = at >= 0 && query.indexOf('&', at + 1) < 0;
        if (!last || !hmac(query.substring(0, at)).equalsIgnoreCase(signature)) {
            throw FakeRefusal.of(-1022);
        }
    }

    private static long missing(String name) {
        throw FakeRefusal.missing(name);
    }

    private String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- limits

    /** Counts the request (weight 1 each, 1 order for an order), in fixed windows of the fake's clock. */
    private synchronized Limit count(boolean order) {
        roll();
        usedWeight++;
        if (order) {
            orders10s++;
            orders1m++;
        }
        Limit limit = limitNext;
        limitNext = null;
        return limit;
    }

    private void roll() {
        long now = clock.getAsLong();
        if (now / 60_000 != minute) {
            minute = now / 60_000;
            usedWeight = 0;
            orders1m = 0;
        }
        if (now / 10_000 != tenSeconds) {
            tenSeconds = now / 10_000;
            orders10s = 0;
        }
    }

    private void refuseForLimit(HttpServerRequest request, Limit limit) {
        String message = limit.status() == 418
                ? "Way too many requests; IP banned until " + (clock.getAsLong() + limit.retryAfterSeconds() * 1000L)
                + ". Please use the websocket for live updates to avoid bans."
                : FakeMessages.errorMessage(-1003, "2400");
        request.response().putHeader("Retry-After", String.valueOf(limit.retryAfterSeconds()));
        respond(request, limit.status(), FakeMessages.errorBody(-1003, message));
    }

    private synchronized Integer takeFailure(String endpoint, boolean order) {
        Integer failure = failNext.remove(endpoint);
        return failure == null && order ? failNext.remove(ANY_ORDER) : failure;
    }

    private synchronized boolean takeHiddenQuery() {
        if (hiddenQueries == 0) {
            return false;
        }
        hiddenQueries--;
        return true;
    }

    private synchronized Integer takeRejection() {
        Integer rejection = rejectNextAlgo;
        rejectNextAlgo = null;
        return rejection;
    }

    private void respond(HttpServerRequest request, int status, String body) {
        HttpServerResponse response = request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json");
        synchronized (this) {
            response.putHeader("X-MBX-USED-WEIGHT-1M", String.valueOf(usedWeight))
                    .putHeader("X-MBX-ORDER-COUNT-10S", String.valueOf(orders10s))
                    .putHeader("X-MBX-ORDER-COUNT-1M", String.valueOf(orders1m));
        }
        response.end(body);
    }
}
