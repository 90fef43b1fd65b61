package io.tradeflow.marketdata.exchange;

import io.tradeflow.core.domain.Interval;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;

/**
 * Binance's public market-data REST endpoints (no keys involved). Blocking: call it from a worker or virtual thread.
 *
 * <p>What cannot be fixed by asking again is thrown ({@link BinanceApiException}); what can is retried here until it
 * works or the calling thread is interrupted: HTTP 5xx, timeouts and I/O errors with exponential backoff, HTTP 429
 * (too many requests) and 418 (IP banned for ignoring 429s) by pausing every request of this client for the
 * {@code Retry-After} Binance asks for. The request weight Binance reports is watched too, so that a backfill of many
 * pairs slows down before it earns a 429.
 */
public final class BinanceRestClient {
    private static final Logger LOG = Logger.getLogger(BinanceRestClient.class);
    /** The most klines one request returns. */
    public static final int MAX_KLINES = 1500;
    /** Binance allows 2400 request weight per minute per IP; past this share of it, wait for the next minute. */
    static final int USED_WEIGHT_SOFT_LIMIT = 2000;
    private static final int MAX_CONCURRENT_REQUESTS = 4;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final BinanceEndpoints endpoints;
    private final BinanceClock clock;
    private final HttpClient http;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Semaphore concurrent = new Semaphore(MAX_CONCURRENT_REQUESTS);
    /** {@link System#nanoTime()} before which no request is sent, after a 429/418 or a high request weight. */
    private volatile long pausedUntilNanos = System.nanoTime();

    public BinanceRestClient(BinanceEndpoints endpoints, Duration minBackoff, Duration maxBackoff) {
        this(endpoints, minBackoff, maxBackoff, new BinanceClock());
    }

    /** @param clock told Binance's time by every {@link #serverTime()} answer */
    public BinanceRestClient(BinanceEndpoints endpoints, Duration minBackoff, Duration maxBackoff, BinanceClock clock) {
        this.endpoints = endpoints;
        this.clock = clock;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The exchange's clock in epoch ms. */
    public long serverTime() throws BinanceApiException, MalformedMessageException, InterruptedException {
        long serverTime = BinanceMessageParser.parseServerTime(get(endpoints.serverTime()));
        clock.told(serverTime, clock.localNow());
        return serverTime;
    }

    /** Up to {@code limit} klines opening at or after {@code startTime}, oldest first; the last may still be open. */
    public List<Kline> klines(Symbol symbol, Interval interval, long startTime, int limit)
            throws BinanceApiException, MalformedMessageException, InterruptedException {
        return BinanceMessageParser.parseKlineRows(get(endpoints.klines(symbol, interval, startTime, limit)), symbol, interval);
    }

    private String get(URI uri) throws BinanceApiException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        Backoff backoff = new Backoff(minBackoff, maxBackoff);
        while (true) {
            waitWhilePaused();
            HttpResponse<String> response;
            concurrent.acquire();
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                Duration wait = backoff.next();
                LOG.warnf("GET %s failed (%s); retrying in %d ms", uri.getPath(), describe(e), wait.toMillis());
                Thread.sleep(wait);
                continue;
            } finally {
                concurrent.release();
            }
            watchUsedWeight(response);
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response.body();
            }
            if (status == 429 || status == 418) {
                Duration wait = retryAfter(response).orElseGet(backoff::next);
                pause(wait);
                String message = "GET %s -> HTTP %d (%s); pausing every Binance REST request for %d ms as asked";
                if (status == 418) {
                    LOG.errorf(message + ": this IP is banned for not backing off", uri.getPath(), status, brief(response.body()), wait.toMillis());
                } else {
                    LOG.warnf(message, uri.getPath(), status, brief(response.body()), wait.toMillis());
                }
                continue;
            }
            if (status >= 500) {
                Duration wait = backoff.next();
                LOG.warnf("GET %s -> HTTP %d (%s); retrying in %d ms", uri.getPath(), status, brief(response.body()), wait.toMillis());
                Thread.sleep(wait);
                continue;
            }
            BinanceApiException.Error error = BinanceMessageParser.parseError(response.body())
                    .orElseGet(() -> new BinanceApiException.Error(0, brief(response.body())));
            throw new BinanceApiException("GET " + uri.getPath() + "?" + uri.getRawQuery(), status, error);
        }
    }

    private void waitWhilePaused() throws InterruptedException {
        long remaining;
        while ((remaining = pausedUntilNanos - System.nanoTime()) > 0) {
            Thread.sleep(Duration.ofNanos(remaining));
        }
    }

    private void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            if (until - pausedUntilNanos > 0) {
                pausedUntilNanos = until;
            }
        }
    }

    private void watchUsedWeight(HttpResponse<String> response) {
        OptionalLong used = response.headers().firstValueAsLong("X-MBX-USED-WEIGHT-1M");
        if (used.isPresent() && used.getAsLong() >= USED_WEIGHT_SOFT_LIMIT) {
            // The weight counts per clock minute: waiting for the next one empties it.
            long toNextMinute = 60_000 - System.currentTimeMillis() % 60_000 + 500;
            LOG.warnf("Binance reports %d of 2400 request weight used this minute; pausing REST requests for %d ms",
                    used.getAsLong(), toNextMinute);
            pause(Duration.ofMillis(toNextMinute));
        }
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        try {
            return response.headers().firstValue("Retry-After").map(String::trim).map(Long::parseLong)
                    .filter(seconds -> seconds >= 0).map(Duration::ofSeconds);
        } catch (NumberFormatException e) {
            // An HTTP-date form, which Binance does not send: fall back to our own backoff.
            return Optional.empty();
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    static String brief(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }
}
