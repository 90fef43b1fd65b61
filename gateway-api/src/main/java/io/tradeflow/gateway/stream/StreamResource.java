package io.tradeflow.gateway.stream;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * The live stream: klines, signals, orders and positions as Server-Sent Events ({@code event:} the event type,
 * {@code id:} the stream position, {@code data:} the event's JSON as on Kafka), filtered by bot, symbol and type,
 * resumable with {@code Last-Event-ID}. The consumer is set up before the response starts, so once a client has the
 * response head, every later event reaches it.
 */
@Path("/api/v1/stream")
public class StreamResource {
    private final LiveStreams streams;

    public StreamResource(LiveStreams streams) {
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed("viewer")
    @Blocking // opening asks Kafka for partitions and offsets
    // Proxies must neither cache nor buffer a stream (X-Accel-Buffering: nginx's switch for it).
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(summary = "Live events (SSE): klines, signals, orders, positions; filters botId, symbol, types; "
            + "resumes after Last-Event-ID (header, or lastEventId), else starts at since (epoch ms), else live")
    public Multi<OutboundSseEvent> stream(@QueryParam("botId") List<String> botIds,
            @QueryParam("symbol") List<String> symbols, @QueryParam("types") List<String> types,
            @QueryParam("since") String since, @HeaderParam("Last-Event-ID") String lastEventIdHeader,
            @QueryParam("lastEventId") String lastEventIdParam, @Context Sse sse) {
        StreamFilter filter = StreamFilter.of(types, botIds, symbols);
        // The header wins: a browser's EventSource reconnects to the same URL (with the first lastEventId) and puts
        // the newest id in the header.
        boolean fromHeader = lastEventIdHeader != null && !lastEventIdHeader.isEmpty();
        String id = fromHeader ? lastEventIdHeader : lastEventIdParam;
        String idField = fromHeader ? "Last-Event-ID" : "lastEventId";
        return streams.open(filter, resumeFrom(id, idField), idField, since(since), sse);
    }

    /** An empty id is no id: the SSE spec's way of resetting it. */
    private static Map<String, long[]> resumeFrom(String id, String field) {
        if (id == null || id.isEmpty()) {
            return Map.of();
        }
        try {
            return StreamPosition.parse(id);
        } catch (IllegalArgumentException e) {
            throw StreamRefused.invalid(field, "not an id of this stream: " + e.getMessage());
        }
    }

    private static OptionalLong since(String since) {
        if (since == null || since.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!since.matches("[0-9]{1,15}") || Long.parseLong(since) <= 0) {
            throw StreamRefused.invalid("since", "expected a positive epoch-millisecond time, got '"
                    + (since.length() > 40 ? since.substring(0, 40) + "..." : since) + "'");
        }
        return OptionalLong.of(Long.parseLong(since));
    }
}
