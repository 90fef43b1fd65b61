package io.tradeflow.marketdata.source;

import io.tradeflow.marketdata.config.MarketDataConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Binance source: DOWN while a connection the wanted streams need is not open (at start, and
 * between a drop and the reconnect), so the instance is not counted on for fresh klines; UP when another source is
 * configured. No liveness check: a restart does not bring an unreachable exchange back, and the connections
 * reconnect by themselves.
 */
@Readiness
@ApplicationScoped
public class BinanceSourceHealth implements HealthCheck {
    private final MarketDataConfig config;
    private final BinanceSource source;

    public BinanceSourceHealth(MarketDataConfig config, BinanceSource source) {
        this.config = config;
        this.source = source;
    }

    @Override
    public HealthCheckResponse call() {
        if (config.source() != MarketDataConfig.Source.binance) {
            return HealthCheckResponse.named("binance-streams").up().withData("source", config.source().name()).build();
        }
        return HealthCheckResponse.named("binance-streams")
                .status(source.isRunning() && source.isConnected())
                .withData("openConnections", source.openConnections())
                .withData("connections", source.totalConnections())
                .withData("streams", source.streamCount())
                .build();
    }
}
