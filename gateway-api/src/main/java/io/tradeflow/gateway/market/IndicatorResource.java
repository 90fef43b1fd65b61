package io.tradeflow.gateway.market;

import io.tradeflow.core.event.BotDefinition;
import io.tradeflow.core.event.IndicatorsComputed;
import io.tradeflow.core.event.KlineClosed;
import io.tradeflow.core.indicator.IndicatorSeries;
import io.tradeflow.core.indicator.Indicators;
import io.tradeflow.core.strategy.InvalidParameterException;
import io.tradeflow.core.strategy.Strategies;
import io.tradeflow.core.strategy.Strategy;
import io.tradeflow.gateway.bots.Bots;
import io.tradeflow.gateway.rest.Problems;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

/**
 * A bot's strategy indicators over the klines the gateway can show, for the dashboard's chart: the indicators its
 * strategy reads ({@code Strategy.indicators}) computed by trading-core's {@link IndicatorSeries}, the class
 * indicator-service runs, folding every kline {@link KlineCache} holds of the bot's series (at most 500), oldest
 * first, then answering the newest {@code limit} points. Computed per request: nothing is kept.
 *
 * <p>The values equal indicator-service's wherever the indicator's window lies inside the cached klines: SMA,
 * Bollinger bands and highest/lowest read only their last n klines, so they are exact once n klines are folded.
 * Recursive indicators (EMA, RSI, ATR, MACD) carry a trace of every kline indicator-service has folded into them;
 * here they warm up from the first cached kline only (their seed is that kline's, not the series' real past), so the
 * first points of the window may differ from indicator-service's, by less the further they are from the start: the
 * weight of the missing history shrinks by a factor (n-1)/(n+1) per kline for an EMA(n) (MACD's too), (n-1)/n for
 * Wilder's RSI(n) and ATR(n).
 */
@Path("/api/v1/bots/{botId}/indicators")
@Produces(MediaType.APPLICATION_JSON)
public class IndicatorResource {
    private static final Logger LOG = Logger.getLogger(IndicatorResource.class);
    static final int DEFAULT_LIMIT = 500;

    private final Bots bots;
    private final KlineCache cache;

    public IndicatorResource(Bots bots, KlineCache cache) {
        this.bots = bots;
        this.cache = cache;
    }

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "The bot's strategy indicators over the cached klines of its series, oldest first; an "
            + "output still warming up is absent from a point")
    public IndicatorsView indicators(@PathParam("botId") String botId,
            @Parameter(description = "how many points (the newest), 1 to 1000, default 500")
            @QueryParam("limit") String limit) {
        int n = MarketResource.limit(limit, DEFAULT_LIMIT);
        BotDefinition bot = bots.find(botId).orElseThrow(() -> new Bots.NotFound(botId)).definition();
        Set<String> names = indicatorNames(bot);
        IndicatorSeries series = new IndicatorSeries(bot.symbol(), bot.interval());
        series.require(names);
        List<IndicatorsView.Point> points = new ArrayList<>();
        for (KlineClosed kline : cache.klines(bot.symbol(), bot.interval(), Integer.MAX_VALUE)) {
            try {
                // A kline at or before the previous one (not expected in the cache) gives no snapshot: skipped.
                series.apply(kline, kline.producedAt()).snapshot().ifPresent(s -> points.add(point(s)));
            } catch (IllegalArgumentException e) {
                LOG.warnf("Redis candles of %s %s hold a kline of another series, left out: %s",
                        bot.symbol().value(), bot.interval().code(), e.getMessage());
            }
        }
        Set<String> outputs = new TreeSet<>();
        names.forEach(name -> outputs.addAll(Indicators.outputNames(name)));
        return new IndicatorsView(bot.botId(), bot.symbol().value(), bot.interval().code(), List.copyOf(outputs),
                List.copyOf(points.subList(Math.max(0, points.size() - n), points.size())));
    }

    /** The strategy's indicator names for the bot's parameters. */
    private static Set<String> indicatorNames(BotDefinition bot) {
        try {
            Strategy strategy = Strategies.find(bot.strategy().type());
            return strategy.indicators(Strategies.parse(strategy, bot.strategy().params()));
        } catch (InvalidParameterException e) {
            // Stored bots were checked with these rules; only a strategy changed or removed since can get here.
            throw new WebApplicationException(Problems.problem(409, "Conflict", "Bot " + bot.botId()
                    + "'s strategy cannot be read by this gateway: " + e.getMessage(), e.parameter()));
        }
    }

    private static IndicatorsView.Point point(IndicatorsComputed snapshot) {
        Map<String, String> values = new TreeMap<>();
        snapshot.values().forEach((name, value) -> values.put(name, value.toPlainString()));
        return new IndicatorsView.Point(snapshot.openTime(), values);
    }
}
