package io.tradeflow.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** {@code tradeflow.gateway.auth.*}: the bootstrap admin key and the rate limit per caller. */
@ConfigMapping(prefix = "tradeflow.gateway.auth")
public interface AuthConfig {
    /**
     * An admin API key ({@code tf_} + at least 32 base64url characters) stored at start when it is not yet: how the
     * first admin gets in (bin/tradeflow generates one). Unset: no key is created.
     */
    Optional<String> bootstrapKey();

    /** Requests per minute and caller (an API key or a JWT subject); beyond it 429 with Retry-After. */
    @WithDefault("600")
    long requestsPerMinute();
}
