package io.tradeflow.marketdata.exchange;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs {@link KlineStreamWatchdog#check} once a second over every stream, on one virtual thread, and hands what is
 * overdue to its owner. The check is made on Binance's clock: {@code GET /fapi/v1/time} is asked (weight 1) whenever
 * the last answer is older than the grace, so the estimate never drifts by more than that, and again before any
 * alarm, so that an alarm rests on Binance's word rather than on the local estimate.
 */
public final class SilentStreamCheck implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SilentStreamCheck.class);
    /** Adds at most a second to the grace; a pass over a few hundred streams takes microseconds. */
    static final Duration EVERY = Duration.ofSeconds(1);
    /** Binance answers the time in milliseconds; past this (REST down or paused by a 429) the estimate is used. */
    private static final Duration SERVER_TIME_WAIT = Duration.ofSeconds(5);

    private final KlineStreamWatchdog watchdog;
    private final BinanceClock clock;
    private final BinanceRestClient rest;
    private final long graceMillis;
    private final Consumer<List<KlineStreamWatchdog.Overdue>> onOverdue;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("binance-silent-stream-check").factory());
    /**
     * {@link System#nanoTime()} of the last ask, answered or not, so that a REST outage is not asked every second;
     * at first far enough back to count as long ago. Only the check's thread touches it.
     */
    private long askedAtNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    /**
     * @param rest      tells {@code clock} Binance's time
     * @param onOverdue called on the check's thread with the streams found overdue, never with none
     */
    public SilentStreamCheck(KlineStreamWatchdog watchdog, BinanceClock clock, BinanceRestClient rest, Duration grace,
                             Consumer<List<KlineStreamWatchdog.Overdue>> onOverdue) {
        this.watchdog = watchdog;
        this.clock = clock;
        this.rest = rest;
        this.graceMillis = grace.toMillis();
        this.onOverdue = onOverdue;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void check() {
        try {
            if (watchdog.isEmpty()) {
                return;
            }
            boolean stale = clock.millisSinceTold() >= graceMillis && millisSinceAsked() >= graceMillis;
            if (stale || watchdog.anyOverdue(clock.now())) {
                askServerTime();
            }
            List<KlineStreamWatchdog.Overdue> overdue = watchdog.check(clock.now());
            if (!overdue.isEmpty()) {
                onOverdue.accept(overdue);
            }
        } catch (RuntimeException e) {
            // A failure must not end the schedule: a thrown exception would cancel every later check.
            LOG.errorf(e, "The silent-stream check failed; it runs again in %d ms", EVERY.toMillis());
        }
    }

    private long millisSinceAsked() {
        return (System.nanoTime() - askedAtNanos) / 1_000_000;
    }

    /** Tells the clock Binance's time, waiting a bounded time: the REST client itself retries until it gets it. */
    private void askServerTime() {
        askedAtNanos = System.nanoTime();
        FutureTask<Long> asked = new FutureTask<>(rest::serverTime);
        Thread.ofVirtual().name("binance-server-time").start(asked);
        try {
            asked.get(SERVER_TIME_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            asked.cancel(true);
            LOG.debugf("Binance's time did not come within %d ms; checking the streams on the local estimate", SERVER_TIME_WAIT.toMillis());
        } catch (ExecutionException e) {
            LOG.debugf("Binance's time could not be read (%s); checking the streams on the local estimate", e.getCause().toString());
        } catch (InterruptedException e) {
            asked.cancel(true);
            Thread.currentThread().interrupt();
        }
    }
}
