package io.tradeflow.signal.config;

import io.tradeflow.signal.domain.BotRegistry;
import io.tradeflow.signal.metrics.SignalMetrics;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the plain-Java domain objects once, so the domain stays testable without Quarkus. */
public class DomainBeans {

    @Produces
    @Singleton
    BotRegistry botRegistry(SignalMetrics metrics) {
        BotRegistry registry = new BotRegistry();
        metrics.runningBots(registry::runningCount);
        return registry;
    }
}
