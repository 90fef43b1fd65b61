package io.tradeflow.marketdata.source;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.klinefiles.KlineMerge;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import io.tradeflow.marketdata.replay.MalformedRowLimits;
import io.tradeflow.marketdata.replay.Replay;
import io.tradeflow.marketdata.replay.ReplaySpeed;
import io.tradeflow.marketdata.replay.ReplaySummary;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code tradeflow.market-data.source=replay}: publishes recorded data.binance.vision kline files, merged in time
 * order, as {@code KlineClosed} events with source {@code replay}. The files are opened while the service starts,
 * so a missing or badly named one stops the start with a message naming it; the rows are then published on a
 * thread of their own, because the sink blocks while Kafka catches up (never on an event loop). How the replay
 * ended reaches readiness through {@link Health}.
 */
@ApplicationScoped
public class ReplaySource {
    private static final Logger LOG = Logger.getLogger(ReplaySource.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final MarketDataConfig config;
    private final KlineSink sink;
    private final MarketDataMetrics metrics;
    private volatile Replay replay;
    private volatile Thread thread;
    private volatile ReplaySummary summary;

    public ReplaySource(MarketDataConfig config, KlineSink sink, MarketDataMetrics metrics) {
        this.config = config;
        this.sink = sink;
        this.metrics = metrics;
    }

    // Before the default start-up observers: a bad file or speed fails the start at once, not after others have
    // waited on Kafka. Rows handed over this early are safe: the publisher is created on first use and the Redis
    // writer queues until its thread runs.
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION) StartupEvent ignored) {
        if (config.source() != MarketDataConfig.Source.replay) {
            return;
        }
        List<String> files = config.replay().files().orElse(List.of());
        if (files.isEmpty()) {
            // Tests run the service with the replay source and no file, so that it never dials Binance; anywhere
            // else a replay without files is a configuration mistake that would look like a silent market.
            if (LaunchMode.current() != LaunchMode.TEST) {
                throw new IllegalStateException("tradeflow.market-data.source=replay needs tradeflow.market-data.replay.files "
                        + "(comma-separated data.binance.vision CSV or ZIP paths, e.g. data/klines/BTCUSDT-UM-1m-2023-11-15_to_2023-11-21.csv)");
            }
            LOG.warn("tradeflow.market-data.source=replay but tradeflow.market-data.replay.files names no file: nothing to replay");
            return;
        }
        ReplaySpeed speed = ReplaySpeed.parse(config.replay().speed());
        MalformedRowLimits limits = new MalformedRowLimits(config.replay().skipMalformed(), config.replay().maxSkippedShare());
        KlineMerge rows = Replay.openAll(files.stream().map(String::trim).map(Path::of).toList());
        replay = new Replay(rows, speed, limits, sink, metrics, PROGRESS_EVERY);
        LOG.infof("Replaying %s at speed %s (%s market)", files, speed, config.replay().market());
        Replay running = replay;
        thread = Thread.ofPlatform().name("kline-replay").daemon().start(() -> summary = running.run());
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        Replay running = replay;
        Thread runner = thread;
        if (running == null || runner == null) {
            return;
        }
        running.stop();
        // Blocked on Kafka (the sink's back-pressure) it cannot see the request; after this wait it is left behind
        // as a daemon thread rather than holding the shutdown up.
        if (!runner.join(STOP_WAIT)) {
            LOG.warnf("The replay did not stop within %s", STOP_WAIT);
        }
    }

    /** True while rows are being replayed. */
    public boolean running() {
        Thread runner = thread;
        return runner != null && runner.isAlive();
    }

    /** How the replay ended, once it has. */
    public Optional<ReplaySummary> summary() {
        return Optional.ofNullable(summary);
    }

    /** Why the replay failed (its summary's detail names the file and line), or null while it has not. */
    String failure() {
        Thread runner = thread;
        // Asked first: once the thread is seen dead, the summary it set is seen too.
        boolean threadEnded = runner != null && !runner.isAlive();
        ReplaySummary ended = summary;
        if (ended != null) {
            return ended.end() == ReplaySummary.End.FAILED ? ended.detail() : null;
        }
        // The run catches what it can and returns a summary; only an Error ends the thread without one.
        return threadEnded ? "the replay thread ended without a summary: see the log" : null;
    }

    /**
     * Readiness {@code kline-replay}: DOWN once the replay has failed, with the reason (a file refused for its
     * malformed rows, a broken file, Kafka refusing a kline), because the klines the instance was meant to publish
     * are not all on the topic; UP while it runs, after it completed or stopped, and with another source.
     */
    @Readiness
    @ApplicationScoped
    public static class Health implements HealthCheck {
        private final MarketDataConfig config;
        private final ReplaySource source;

        public Health(MarketDataConfig config, ReplaySource source) {
            this.config = config;
            this.source = source;
        }

        @Override
        public HealthCheckResponse call() {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("kline-replay");
            if (config.source() != MarketDataConfig.Source.replay) {
                return response.up().withData("source", config.source().name()).build();
            }
            String failure = source.failure();
            response.status(failure == null).withData("state", state());
            source.summary().ifPresent(ended -> response.withData("rows", ended.rows())
                    .withData("published", ended.published()).withData("malformed", ended.malformed()));
            return (failure == null ? response : response.withData("failure", failure)).build();
        }

        private String state() {
            if (source.running()) {
                return "running";
            }
            // "idle": no file to replay (tests); "ended": the thread died without a summary.
            return source.summary().map(ended -> ended.end().name().toLowerCase(Locale.ROOT))
                    .orElse(source.thread == null ? "idle" : "ended");
        }
    }
}
