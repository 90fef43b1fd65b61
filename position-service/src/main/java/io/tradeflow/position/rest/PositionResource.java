package io.tradeflow.position.rest;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.position.TrackedPosition;
import io.tradeflow.position.config.PositionConfig;
import io.tradeflow.position.persistence.PositionEntity;
import io.tradeflow.position.persistence.PositionRows;
import io.tradeflow.position.prices.Prices;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Positions, open and closed, for gateway-api (internal API of position-service). */
@Path("/api/v1/positions")
@Produces(MediaType.APPLICATION_JSON)
public class PositionResource {
    private final Prices prices;
    private final PositionConfig config;

    public PositionResource(Prices prices, PositionConfig config) {
        this.prices = prices;
        this.config = config;
    }

    @GET
    @Transactional
    @Operation(summary = "Positions, newest opened first; open ones with unrealized PnL at the latest price")
    public Views.Page<Views.Position> list(
            @QueryParam("botId") String botId,
            @QueryParam("symbol") String symbol,
            @Parameter(description = "open or closed; both when absent") @QueryParam("status") String status,
            @Parameter(description = "opened at or after, epoch ms") @QueryParam("from") Long from,
            @Parameter(description = "opened at or before, epoch ms") @QueryParam("to") Long to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Query.page(page, size, config.maxPageSize());
        Query.range(from, to);
        Filter filter = new Filter().and("botId", "=", "botId", botId).and("symbol", "=", "symbol", Query.symbol(symbol))
                .and("status", "=", "status", Query.status(status)).and("openedAt", ">=", "from", from)
                .and("openedAt", "<=", "to", to);
        PanacheQuery<PositionEntity> query = PositionEntity.find(filter.query(),
                Sort.descending("openedAt").and("positionId"), filter.parameters());
        Map<String, Optional<BigDecimal>> marks = new HashMap<>();
        var items = query.page(page, size).list().stream()
                .map(row -> view(row, marks.computeIfAbsent(row.symbol, s -> prices.latest(new Symbol(s))))).toList();
        return new Views.Page<>(page, size, query.count(), items);
    }

    @GET
    @Path("/{positionId}")
    @Transactional
    @Operation(summary = "One position")
    public Views.Position one(@PathParam("positionId") String positionId) {
        PositionEntity row = PositionEntity.<PositionEntity>findByIdOptional(positionId)
                .orElseThrow(() -> Problem.notFound("No position " + positionId));
        return view(row, prices.latest(new Symbol(row.symbol)));
    }

    private static Views.Position view(PositionEntity row, Optional<BigDecimal> mark) {
        if (!row.isOpen() || mark.isEmpty()) {
            return Views.Position.of(row, null, null);
        }
        TrackedPosition position = PositionRows.toPosition(row);
        return Views.Position.of(row, mark.get(), position.position().unrealizedPnl(mark.get()));
    }
}
