package io.tradeflow.core.event;

import io.tradeflow.core.domain.MarginType;
import java.math.BigDecimal;

/**
 * How much a bot may risk. Part of {@link BotDefinition}.
 *
 * @param marginPerTrade   margin (quote asset; base asset for COIN-M) committed to one trade
 * @param leverage         1 to 125, the Binance maximum (the symbol's own bracket may allow less)
 * @param maxOpenPositions how many positions the bot may hold at once
 */
public record RiskSpec(BigDecimal marginPerTrade, int leverage, MarginType marginType, int maxOpenPositions) {

    public static final int MAX_LEVERAGE = 125;

    public RiskSpec {
        BotDefinition.FIELDS.positive("risk.marginPerTrade", marginPerTrade);
        if (leverage < 1 || leverage > MAX_LEVERAGE) {
            throw BotDefinition.FIELDS.invalid("risk.leverage",
                    "field 'risk.leverage' must be between 1 and " + MAX_LEVERAGE + ": " + leverage);
        }
        BotDefinition.FIELDS.required("risk.marginType", marginType);
        if (maxOpenPositions < 1) {
            throw BotDefinition.FIELDS.invalid("risk.maxOpenPositions",
                    "field 'risk.maxOpenPositions' must be 1 or more: " + maxOpenPositions);
        }
    }
}
