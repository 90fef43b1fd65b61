package io.tradeflow.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.net.URI;
import java.util.Map;

/**
 * {@code tradeflow.gateway.services.<name>.url}: where each service of the platform answers, one place for the
 * queries (position-service, execution-service) and the aggregated health (all of them). The defaults (the
 * services' own {@code quarkus.http.port}s on 127.0.0.1) are in application.properties, since a map has no per-key
 * default; being there, each key can also be set as an environment variable
 * ({@code TRADEFLOW_GATEWAY_SERVICES_POSITION_SERVICE_URL}).
 */
@ConfigMapping(prefix = "tradeflow.gateway.services")
public interface ServicesConfig {
    String POSITION = "position-service";
    String EXECUTION = "execution-service";

    /** By service name ({@code position-service}, ...). */
    @WithParentName
    Map<String, Service> services();

    interface Service {
        /** Base URL, without a path: {@code http://127.0.0.1:8085}. */
        URI url();
    }

    /** The base URL of {@code name}; fails naming the key when it is not configured. */
    static URI urlOf(ServicesConfig config, String name) {
        Service service = config.services().get(name);
        if (service == null) {
            throw new IllegalStateException("tradeflow.gateway.services." + name + ".url is not set");
        }
        return service.url();
    }
}
