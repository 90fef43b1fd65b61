package io.tradeflow.position.rest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.tradeflow.position.config.PositionConfig;
import io.tradeflow.position.persistence.TradeEntity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The trade history (one row per fill), for gateway-api. */
@Path("/api/v1/trades")
@Produces(MediaType.APPLICATION_JSON)
public class TradeResource {
    private final PositionConfig config;

    public TradeResource(PositionConfig config) {
        this.config = config;
    }

    @GET
    @Transactional
    @Operation(summary = "Fills, newest first")
    public Views.Page<Views.Trade> list(
            @QueryParam("botId") String botId,
            @QueryParam("symbol") String symbol,
            @Parameter(description = "the fills of this position (a fill that closed one position and opened the next"
                    + " belongs to both)") @QueryParam("positionId") String positionId,
            @Parameter(description = "filled at or after, epoch ms") @QueryParam("from") Long from,
            @Parameter(description = "filled at or before, epoch ms") @QueryParam("to") Long to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Query.page(page, size, config.maxPageSize());
        Query.range(from, to);
        Filter filter = new Filter().and("botId", "=", "botId", botId).and("symbol", "=", "symbol", Query.symbol(symbol))
                .andEither("positionId", "nextPositionId", "positionId", positionId)
                .and("tradedAt", ">=", "from", from)
                .and("tradedAt", "<=", "to", to);
        PanacheQuery<TradeEntity> query = TradeEntity.find(filter.query(),
                Sort.descending("tradedAt").and("key.clientOrderId").and("key.tradeId"), filter.parameters());
        return new Views.Page<>(page, size, query.count(), query.page(page, size).list().stream()
                .map(Views.Trade::of).toList());
    }
}
