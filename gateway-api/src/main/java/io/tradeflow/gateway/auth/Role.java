package io.tradeflow.gateway.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a caller may do. Each role includes the ones before it: a viewer reads, a trader also changes bots, an admin
 * also manages API keys. The inclusion is configured once as {@code quarkus.http.auth.roles-mapping}.
 */
public enum Role {
    VIEWER, TRADER, ADMIN;

    /** The name used in {@code @RolesAllowed}, JWT {@code groups} and the API: lower case. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} (viewer, trader, admin); IllegalArgumentException otherwise. */
    public static Role of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be viewer, trader or admin, not '" + id + "'");
    }
}
