package io.tradeflow.marketdata.source;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.tradeflow.marketdata.config.MarketDataConfig;
import io.tradeflow.marketdata.domain.KlineSink;
import io.tradeflow.marketdata.metrics.MarketDataMetrics;
import io.tradeflow.marketdata.replay.KlineMerge;
import io.tradeflow.marketdata.replay.Replay;
import io.tradeflow.marketdata.replay.ReplaySpeed;
import io.tradeflow.marketdata.replay.ReplaySummary;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code tradeflow.market-data.source=replay}: publishes recorded data.binance.vision kline files, merged in time
 * order, as {@code KlineClosed} events with source {@code replay}. The files are opened while the service starts,
 * so a missing or badly named one stops the start with a message naming it; the rows are then published on a
 * thread of their own, because the sink blocks while Kafka catches up (never on an event loop).
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
        KlineMerge rows = Replay.openAll(files.stream().map(String::trim).map(Path::of).toList());
        replay = new Replay(rows, speed, config.replay().skipMalformed(), sink, metrics, PROGRESS_EVERY);
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
}
