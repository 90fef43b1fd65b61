package io.tradeflow.gateway.rest;

import io.tradeflow.core.strategy.Parameter;
import io.tradeflow.core.strategy.Strategies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The strategies a bot can run and each parameter's type, default and range (trading-core {@code Strategies}). */
@Path("/api/v1/strategies")
@Produces(MediaType.APPLICATION_JSON)
public class StrategyResource {

    /** One parameter: min and max as decimal strings, null when unbounded or not numeric. */
    public record ParameterView(String name, String type, String defaultValue, String min, String max,
            String description) {
    }

    public record StrategyView(String type, List<ParameterView> parameters) {
    }

    @GET
    @RolesAllowed("viewer")
    public List<StrategyView> list() {
        return Strategies.all().stream().map(strategy -> new StrategyView(strategy.type(), strategy.parameters()
                .stream().map(StrategyResource::view).toList())).toList();
    }

    private static ParameterView view(Parameter p) {
        return new ParameterView(p.name(), p.type().name(), p.defaultValue(),
                p.min() == null ? null : p.min().toPlainString(), p.max() == null ? null : p.max().toPlainString(),
                p.description());
    }
}
