package io.tradeflow.position.prices;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.list.ListCommands;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tradeflow.core.codec.EventCodec;
import io.tradeflow.core.domain.Kline;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.event.KlineClosed;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The prices market-data-service keeps in Redis: {@code price:{SYMBOL}} (the latest price, a plain decimal) marks an
 * open position; {@code candles:{SYMBOL}:1m} (closed klines, newest last) gives a price at a past time, for a fee
 * charged in another asset (BNB in USDT: {@code candles:BNBUSDT:1m}). Redis is a cache here: when it cannot answer,
 * the price is unknown (logged), which leaves unrealized PnL out or reports a fee apart, never a wrong figure.
 */
@ApplicationScoped
public class Prices {
    private static final Logger LOG = Logger.getLogger(Prices.class);
    /** How many of the newest 1-minute klines are searched for the one around a fill: an hour. */
    private static final int RECENT_KLINES = 60;

    private final ValueCommands<String, String> values;
    private final ListCommands<String, String> lists;

    public Prices(RedisDataSource redis) {
        this.values = redis.value(String.class);
        this.lists = redis.list(String.class);
    }

    /** The latest price of {@code symbol}, if Redis has one. */
    public Optional<BigDecimal> latest(Symbol symbol) {
        String key = "price:" + symbol.value();
        try {
            String value = values.get(key);
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            BigDecimal price = new BigDecimal(value.trim());
            return price.signum() > 0 ? Optional.of(price) : Optional.empty();
        } catch (NumberFormatException e) {
            LOG.warnf("Redis %s is not a decimal; treated as unknown", key);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf("Redis did not answer for %s (%s); treated as unknown", key, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The price of one {@code asset} in {@code quoteAsset} at {@code time} (epoch ms): the close of the newest
     * 1-minute kline of {@code {asset}{quoteAsset}} that closed at most {@code maxAge} away from it (a kline closing
     * after the time, within it, also counts: its close is as near). Empty when there is none.
     */
    public Optional<BigDecimal> at(String asset, String quoteAsset, long time, Duration maxAge) {
        String key = "candles:" + asset + quoteAsset + ":1m";
        try {
            List<String> recent = lists.lrange(key, -RECENT_KLINES, -1);
            Kline best = null;
            for (String json : recent) {
                Kline kline = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8),
                        KlineClosed.class).kline();
                if (Math.abs(kline.closeTime() - time) <= maxAge.toMillis()
                        && (best == null || Math.abs(kline.closeTime() - time) < Math.abs(best.closeTime() - time))) {
                    best = kline;
                }
            }
            return Optional.ofNullable(best).map(Kline::close);
        } catch (RuntimeException e) {
            LOG.warnf("No price from Redis %s (%s); the fee is reported apart", key, e.getMessage());
            return Optional.empty();
        }
    }
}
