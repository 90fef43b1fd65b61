package io.tradeflow.gateway.query;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * position-service's REST API (its README, "REST API (for gateway-api)"). Parameters go as the caller wrote them
 * (null ones are left out), so position-service judges them and its 400 names the field. Built by {@link Downstreams}
 * with the URL of {@code tradeflow.gateway.services.position-service.url}.
 */
@RegisterRestClient(configKey = "position-service")
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface PositionApi {

    @GET
    @Path("/positions")
    Response positions(@QueryParam("botId") String botId, @QueryParam("symbol") String symbol,
            @QueryParam("status") String status, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("/positions/{positionId}")
    Response position(@PathParam("positionId") String positionId);

    @GET
    @Path("/trades")
    Response trades(@QueryParam("botId") String botId, @QueryParam("symbol") String symbol,
            @QueryParam("positionId") String positionId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("page") String page, @QueryParam("size") String size);

    @GET
    @Path("/bots/{botId}/statistics")
    Response botStatistics(@PathParam("botId") String botId);

    @GET
    @Path("/statistics")
    Response statistics();

    @GET
    @Path("/bots/{botId}/equity")
    Response equity(@PathParam("botId") String botId, @QueryParam("from") String from, @QueryParam("to") String to);
}
