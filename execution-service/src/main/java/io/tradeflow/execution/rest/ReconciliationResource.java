package io.tradeflow.execution.rest;

import io.tradeflow.execution.binance.BinanceVenues;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * The last reconciliation of each Binance account (internal, for gateway-api and operators): when it ran and each
 * difference between the account and what the platform placed and booked. Empty when no account is configured.
 */
@Path("/api/v1/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {
    private final BinanceVenues venues;

    public ReconciliationResource(BinanceVenues venues) {
        this.venues = venues;
    }

    /** {@code {account: {at: epoch ms, differences: [{kind, symbol, clientId, detail}]}}}. */
    @GET
    public Map<String, BinanceVenues.Reconciled> last() {
        return venues.reconciliations();
    }
}
