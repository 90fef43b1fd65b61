package io.tradeflow.position.prices;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.tradeflow.core.domain.Symbol;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The latest prices market-data-service keeps in Redis ({@code price:{SYMBOL}}, a plain decimal): the mark price of an
 * open position, and the price of a fee asset (BNB) in the margin asset ({@code price:BNBUSDT}). Redis is a cache
 * here: when it cannot answer, the price is unknown (logged), which leaves unrealized PnL out or reports a fee apart,
 * never a wrong figure.
 */
@ApplicationScoped
public class Prices {
    private static final Logger LOG = Logger.getLogger(Prices.class);

    private final ValueCommands<String, String> values;

    public Prices(RedisDataSource redis) {
        this.values = redis.value(String.class);
    }

    /** The latest price of {@code symbol}, if Redis has one. */
    public Optional<BigDecimal> latest(Symbol symbol) {
        return latest(symbol.value());
    }

    /** The price of one {@code asset} in {@code quoteAsset} (BNB in USDT: {@code price:BNBUSDT}), if Redis has it. */
    public Optional<BigDecimal> of(String asset, String quoteAsset) {
        return latest(asset + quoteAsset);
    }

    private Optional<BigDecimal> latest(String symbol) {
        try {
            String value = values.get("price:" + symbol);
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            BigDecimal price = new BigDecimal(value.trim());
            return price.signum() > 0 ? Optional.of(price) : Optional.empty();
        } catch (NumberFormatException e) {
            LOG.warnf("Redis price:%s is not a decimal; treated as unknown", symbol);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf("Redis did not answer for price:%s (%s); treated as unknown", symbol, e.getMessage());
            return Optional.empty();
        }
    }
}
