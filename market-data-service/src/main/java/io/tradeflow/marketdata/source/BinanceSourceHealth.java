package io.tradeflow.marketdata.source;

import io.tradeflow.marketdata.config.MarketDataConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Readiness of the Binance source: DOWN while a connection the wanted streams need is not open (at start, and
 * between a drop and the reconnect), and while a stream is silent though its connection is up (no closed kline by
 * its close time plus {@code kline-grace}; {@code silentStreams} names them, until each delivers again), so the
 * instance is not counted on for fresh klines; UP when another source is configured. No liveness check: a restart does not bring an unreachable exchange back, and the connections
 * reconnect by themselves.
 */
@Readiness
@ApplicationScoped
public class BinanceSourceHealth implements HealthCheck {
    /** Silent streams named in the answer; past this many (a wrong base path silences them all), only counted. */
    private static final int NAMED_SILENT = 20;
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
        List<String> silent = source.silentStreams();
        var response = HealthCheckResponse.named("binance-streams")
                .status(source.isRunning() && source.isConnected() && silent.isEmpty())
                .withData("openConnections", source.openConnections())
                .withData("connections", source.totalConnections())
                .withData("streams", source.streamCount());
        if (!silent.isEmpty()) {
            response.withData("silentStreams", silent.size() <= NAMED_SILENT ? String.join(",", silent)
                    : String.join(",", silent.subList(0, NAMED_SILENT)) + " and " + (silent.size() - NAMED_SILENT) + " more");
        }
        return response.build();
    }
}
