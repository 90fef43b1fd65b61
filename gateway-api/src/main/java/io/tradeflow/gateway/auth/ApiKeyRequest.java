package io.tradeflow.gateway.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key as sent; {@link #toString()} never shows it. */
public class ApiKeyRequest extends BaseAuthenticationRequest {
    private final String key;

    public ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyRequest[key=***]";
    }
}
