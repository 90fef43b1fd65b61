package io.tradeflow.gateway.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * execution-service's REST API (its README): the orders query and the kill switch ({@code BotResource}: GET halt is
 * 200 with the halt or 404 when not halted; POST resume 200, 404 when not halted, 503 when the bot's step in
 * progress held it longer than 10 s). Built by {@link Downstreams}.
 */
@RegisterRestClient(configKey = "execution-service")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface ExecutionApi {

    @GET
    @Path("/orders")
    Response orders(@QueryParam("botId") String botId, @QueryParam("symbol") String symbol,
            @QueryParam("status") String status, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset);

    @GET
    @Path("/halts")
    Response halts();

    @GET
    @Path("/bots/{botId}/halt")
    Response halt(@PathParam("botId") String botId);

    @POST
    @Path("/bots/{botId}/resume")
    Response resume(@PathParam("botId") String botId);
}
