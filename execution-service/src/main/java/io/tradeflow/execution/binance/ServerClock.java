package io.tradeflow.execution.binance;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Binance's clock as seen from here, for the {@code timestamp} of signed requests. Binance refuses (-1021) a
 * timestamp more than 1000 ms ahead of its clock or older than {@code recvWindow} (USD-M "General Info", "Timing
 * Security"), so a host clock a second fast is enough to lose every order.
 *
 * <p>{@link #resync()} asks for the server time ({@code GET /fapi/v1/time}) and sets offset = server time − local
 * midpoint of the round trip: the server read its clock somewhere in between, the midpoint is the best guess of when,
 * and the error is at most half the round trip. Before the first resync the offset is 0. Thread-safe: the offset is
 * one volatile value, resyncs run one at a time.
 */
public final class ServerClock {

    /** The server's time in epoch ms, e.g. {@code serverTime} of {@code GET /fapi/v1/time}. */
    @FunctionalInterface
    public interface ServerTime {
        long fetch() throws BinanceException, InterruptedException;
    }

    private final ServerTime serverTime;
    private final LongSupplier localMillis;
    private volatile long offsetMillis;
    private volatile long lastRoundTripMillis = -1;

    /**
     * @param serverTime  fetches the server's time (one request)
     * @param localMillis this host's clock in epoch ms ({@code System::currentTimeMillis})
     */
    public ServerClock(ServerTime serverTime, LongSupplier localMillis) {
        this.serverTime = Objects.requireNonNull(serverTime, "serverTime");
        this.localMillis = Objects.requireNonNull(localMillis, "localMillis");
    }

    /** Binance's time now, epoch ms. */
    public long now() {
        return localMillis.getAsLong() + offsetMillis;
    }

    /** Server time − local time, ms (positive: this host is behind). */
    public long offsetMillis() {
        return offsetMillis;
    }

    /** Whether a resync has succeeded yet. */
    public boolean synced() {
        return lastRoundTripMillis >= 0;
    }

    /** Round trip of the last successful resync, ms; -1 before one. The offset is good to half of it. */
    public long lastRoundTripMillis() {
        return lastRoundTripMillis;
    }

    /** Resyncs unless a resync has already succeeded (the first signed request calls this). */
    public synchronized void ensureSynced() throws BinanceException, InterruptedException {
        if (!synced()) {
            resync();
        }
    }

    /** Measures the offset again; on failure the previous offset stays. Returns the new offset. */
    public synchronized long resync() throws BinanceException, InterruptedException {
        long sent = localMillis.getAsLong();
        long server = serverTime.fetch();
        long received = localMillis.getAsLong();
        // sent + (received - sent) / 2 rather than (sent + received) / 2: no overflow, same value.
        long midpoint = sent + (received - sent) / 2;
        offsetMillis = server - midpoint;
        lastRoundTripMillis = Math.max(0, received - sent);
        return offsetMillis;
    }
}
