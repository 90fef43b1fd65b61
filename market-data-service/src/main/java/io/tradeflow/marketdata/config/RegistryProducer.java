package io.tradeflow.marketdata.config;

import io.tradeflow.marketdata.domain.Subscription;
import io.tradeflow.marketdata.domain.SubscriptionRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Set;

/** Builds the plain-Java subscription registry from the configured pairs. */
public class RegistryProducer {

    @Produces
    @Singleton
    SubscriptionRegistry subscriptionRegistry(MarketDataConfig config) {
        return new SubscriptionRegistry(config.subscriptions().map(Subscription::parseList).orElse(Set.of()));
    }
}
