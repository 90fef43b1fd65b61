package io.tradeflow.position.rest;

import io.quarkus.panache.common.Sort;
import io.tradeflow.core.position.Statistics;
import io.tradeflow.position.persistence.BotStatisticsEntity;
import io.tradeflow.position.persistence.EquityPointEntity;
import io.tradeflow.position.persistence.PositionEntity;
import io.tradeflow.position.persistence.PositionRows;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Statistics and equity curves, per bot and over all bots, for gateway-api; one entry per margin asset. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class StatisticsResource {
    private final Clock clock = Clock.systemUTC();

    @GET
    @Path("/bots/{botId}/statistics")
    @Transactional
    @Operation(summary = "A bot's statistics over its closed positions, per margin asset")
    public List<Views.StatisticsView> bot(@PathParam("botId") String botId) {
        List<BotStatisticsEntity> rows = BotStatisticsEntity.list("key.botId = ?1", Sort.by("key.marginAsset"), botId);
        return rows.stream().map(row -> Views.StatisticsView.of(botId, row.key.marginAsset(),
                PositionRows.toStatistics(row), today(botId, row.key.marginAsset()))).toList();
    }

    @GET
    @Path("/statistics")
    @Transactional
    @Operation(summary = "Statistics over every bot's closed positions together, in the order they closed, per margin"
            + " asset")
    public List<Views.StatisticsView> overall() {
        // One equity point per closed position carries what Statistics needs; folded in the order they closed.
        Map<String, Statistics> byAsset = new TreeMap<>();
        try (var points = EquityPointEntity.<EquityPointEntity>findAll(Sort.ascending("closedAt", "positionId"))
                .stream()) {
            points.forEach(point -> byAsset.put(point.marginAsset, byAsset.getOrDefault(point.marginAsset,
                    Statistics.NONE).add(point.netRealizedPnl, point.fees, point.rMultiple)));
        }
        return byAsset.entrySet().stream().map(e -> Views.StatisticsView.of(null, e.getKey(), e.getValue(),
                today(null, e.getKey()))).toList();
    }

    @GET
    @Path("/bots/{botId}/equity")
    @Transactional
    @Operation(summary = "A bot's equity curve: one point per closed position, oldest first")
    public List<Views.EquityPoint> equity(@PathParam("botId") String botId, @QueryParam("from") Long from,
            @QueryParam("to") Long to) {
        Query.range(from, to);
        Filter filter = new Filter().and("botId", "=", "botId", botId).and("closedAt", ">=", "from", from)
                .and("closedAt", "<=", "to", to);
        return EquityPointEntity.<EquityPointEntity>list(filter.query(), Sort.ascending("closedAt", "positionId"),
                filter.parameters()).stream().map(Views.EquityPoint::of).toList();
    }

    /** Net realized PnL of the positions closed since 00:00 UTC today; all bots when {@code botId} is null. */
    private BigDecimal today(String botId, String marginAsset) {
        long midnight = LocalDate.now(clock).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        Filter filter = new Filter().and("status", "=", "status", PositionEntity.CLOSED)
                .and("marginAsset", "=", "asset", marginAsset).and("closedAt", ">=", "midnight", midnight)
                .and("botId", "=", "botId", botId);
        BigDecimal sum = PositionEntity.find("select sum(netRealizedPnl) from PositionEntity where " + filter.query(),
                filter.parameters()).project(BigDecimal.class).firstResult();
        return sum == null ? BigDecimal.ZERO : sum;
    }
}
