package io.tradeflow.gateway.query;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.tradeflow.gateway.config.ServicesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The REST clients of position-service and execution-service, built once with the URLs of
 * {@code tradeflow.gateway.services} (shared with the health check, so a service moves in one key) and the timeout of
 * {@code tradeflow.gateway.query.timeout}. The default exception mapper is off: every status comes back as a
 * {@link Response} and {@link Downstream} decides what the caller sees.
 */
@ApplicationScoped
public class Downstreams {
    private final Downstream<PositionApi> position;
    private final Downstream<ExecutionApi> execution;

    public Downstreams(ServicesConfig services, QueryConfig config) {
        this.position = downstream(ServicesConfig.POSITION, ServicesConfig.urlOf(services, ServicesConfig.POSITION),
                PositionApi.class, config);
        this.execution = downstream(ServicesConfig.EXECUTION, ServicesConfig.urlOf(services, ServicesConfig.EXECUTION),
                ExecutionApi.class, config);
    }

    public Response position(Function<PositionApi, Response> call) {
        return position.forward(call);
    }

    public Response execution(Function<ExecutionApi, Response> call) {
        return execution.forward(call);
    }

    private static <T> Downstream<T> downstream(String name, URI url, Class<T> api, QueryConfig config) {
        long timeout = config.timeout().toMillis();
        T client = QuarkusRestClientBuilder.newBuilder().baseUri(url)
                .connectTimeout(timeout, TimeUnit.MILLISECONDS).readTimeout(timeout, TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true).build(api);
        return new Downstream<>(name, url, client, config.timeout());
    }
}
