package io.tradeflow.signal.config;

import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.domain.PublishedSignals;
import io.tradeflow.signal.domain.Retrying;
import io.tradeflow.signal.domain.SignalEngine;
import io.tradeflow.signal.domain.SignalSink;
import io.tradeflow.signal.domain.StateStore;
import io.tradeflow.signal.metrics.SignalMetrics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Builds the plain-Java domain objects once, so the domain stays testable without Quarkus. */
public class DomainBeans {

    @Produces
    @Singleton
    BotRegistry botRegistry(SignalMetrics metrics) {
        BotRegistry registry = new BotRegistry();
        metrics.runningBots(registry::runningCount);
        return registry;
    }

    @Produces
    @Singleton
    PublishedSignals publishedSignals() {
        return new PublishedSignals();
    }

    @Produces
    @Singleton
    Retrying retrying(SignalConfig config) {
        return new Retrying(config.retry().maxBackoff());
    }

    @Produces
    @Singleton
    SignalEngine signalEngine(BotRegistry bots, StateStore states, SignalSink sink, PublishedSignals published,
                              SignalMetrics metrics, Retrying retrying) {
        return new SignalEngine(bots, states, sink, published, metrics, retrying, Clock.systemUTC());
    }
}
