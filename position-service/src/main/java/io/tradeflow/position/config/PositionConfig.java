package io.tradeflow.position.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code tradeflow.position.*}: every key has a default; README.md lists them. */
@ConfigMapping(prefix = "tradeflow.position")
public interface PositionConfig {

    /**
     * A fee charged in another asset than the margin asset (BNB) is converted at the close of the asset's latest
     * 1-minute kline in Redis ({@code candles:BNBUSDT:1m}) that closed at most this long before (or after) the fill:
     * the price at fill time. Without such a kline (market-data-service does not follow the pair, or the fill is
     * booked long after it happened) the fee is reported apart instead.
     */
    @WithDefault("2m")
    Duration feePriceMaxAge();

    /** The largest page the REST API returns. */
    @WithDefault("500")
    int maxPageSize();
}
