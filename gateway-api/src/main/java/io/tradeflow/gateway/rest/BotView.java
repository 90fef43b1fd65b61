package io.tradeflow.gateway.rest;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.gateway.bots.Bots;
import java.util.Map;

/** A bot as the API shows it: its definition's fields, status and version. Decimals are strings. */
public record BotView(String botId, String name, String market, String symbol, String interval, String strategy,
        Map<String, String> params, String marginPerTrade, int leverage, String marginType, int maxOpenPositions,
        String venue, String status, boolean closePosition, long version, long updatedAt, String managedBy,
        boolean deleteRequested) {

    static BotView of(Bots.Stored stored) {
        BotDefinition d = stored.definition();
        return new BotView(d.botId(), d.name(), d.market().name(), d.symbol().value(), d.interval().code(),
                d.strategy().type(), d.strategy().params(), d.risk().marginPerTrade().toPlainString(),
                d.risk().leverage(), d.risk().marginType().name(), d.risk().maxOpenPositions(), d.venue().name(),
                d.status().name(), d.closePosition(), stored.version(), d.producedAt(),
                stored.owner().name().toLowerCase(java.util.Locale.ROOT), stored.deleteRequested());
    }
}
