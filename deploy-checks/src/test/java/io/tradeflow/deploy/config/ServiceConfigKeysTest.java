package io.tradeflow.deploy.config;

import io.tradeflow.deploy.support.Repo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The key collection the compose and Kubernetes checks rely on, on the real services' sources. */
class ServiceConfigKeysTest {

    @Test
    void keysOfTheConfigMappingsAreInKebabCaseUnderTheirPrefixWithNestedGroupsAndInheritedMethods() {
        ServiceConfigKeys execution = ServiceConfigKeys.of(Repo.service("execution-service"));

        assertThat(execution.keys()).contains(
                "tradeflow.execution.risk.max-signal-delay",
                "tradeflow.execution.paper.coin-m-starting-balance",
                "tradeflow.execution.symbol-rules.files",
                "tradeflow.execution.binance.exchange-info-fetch",
                // Testnet extends Account: the inherited keys and the overridden ones
                "tradeflow.execution.binance-accounts.testnet.api-key",
                "tradeflow.execution.binance-accounts.testnet.user-stream-url",
                "tradeflow.execution.binance-accounts.live.private-key-file",
                "tradeflow.execution.binance-accounts.stream-silence-limit");
        // a group is not itself a key
        assertThat(execution.keys()).doesNotContain("tradeflow.execution.risk", "tradeflow.execution.binance-accounts.testnet");
    }

    @Test
    void environmentVariablesMapToKeysByTheMicroProfileRule() {
        ServiceConfigKeys execution = ServiceConfigKeys.of(Repo.service("execution-service"));

        assertThat(execution.keyOf("TRADEFLOW_EXECUTION_RISK_MAX_SIGNAL_DELAY")).hasValue("tradeflow.execution.risk.max-signal-delay");
        assertThat(execution.keyOf("TRADEFLOW_EXECUTION_BINANCE_ACCOUNTS_LIVE_SECRET_KEY"))
                .hasValue("tradeflow.execution.binance-accounts.live.secret-key");
        // framework keys the service sets in application.properties
        assertThat(execution.keyOf("KAFKA_BOOTSTRAP_SERVERS")).hasValue("kafka.bootstrap.servers");
        assertThat(execution.keyOf("QUARKUS_DATASOURCE_JDBC_URL")).hasValue("quarkus.datasource.jdbc.url");
        assertThat(execution.keyOf("MP_MESSAGING_INCOMING_INPUTS_GROUP_ID")).hasValue("mp.messaging.incoming.inputs.group.id");
        // a @ConfigProperty key outside the mappings
        assertThat(ServiceConfigKeys.of(Repo.service("market-data-service")).keyOf("TRADEFLOW_MARKET_DATA_RESTORE_TIMEOUT"))
                .hasValue("tradeflow.market-data.restore.timeout");
    }

    @Test
    void aTypoAnotherServicesKeyOrAnUnsetFrameworkKeyIsRefused() {
        ServiceConfigKeys execution = ServiceConfigKeys.of(Repo.service("execution-service"));

        assertThat(execution.accepts("TRADEFLOW_EXECUTION_RISK_MAX_SIGNAL_DELAYS")).isFalse();
        assertThat(execution.accepts("TRADEFLOW_EXECUTION_RISK")).isFalse();
        assertThat(execution.accepts("QUARKUS_REDIS_HOSTS")).isFalse(); // execution-service has no Redis
        assertThat(execution.accepts("TRADEFLOW_GATEWAY_AUTH_BOOTSTRAP_KEY")).isFalse();
        assertThat(execution.accepts("QUARKUS_LOG_LEVEL")).isFalse(); // a Quarkus key, but not one it sets
        assertThat(execution.closest("TRADEFLOW_EXECUTION_RISK_MAX_SIGNAL_DELAYS", 1))
                .containsExactly("tradeflow.execution.risk.max-signal-delay");
    }

    @Test
    void aMapKeyIsAWildcardSegmentAndALiteralKeyWinsOverIt() {
        ServiceConfigKeys gateway = ServiceConfigKeys.of(Repo.service("gateway-api"));

        assertThat(gateway.keys()).contains("tradeflow.gateway.services.*.url", "tradeflow.gateway.auth.bootstrap-key",
                "tradeflow.gateway.bots-file", "tradeflow.gateway.stream.max-poll-records");
        assertThat(gateway.keyOf("TRADEFLOW_GATEWAY_SERVICES_POSITION_SERVICE_URL"))
                .hasValue("tradeflow.gateway.services.position-service.url");
        assertThat(gateway.keyOf("TRADEFLOW_GATEWAY_SERVICES_RISK_SERVICE_URL")).hasValue("tradeflow.gateway.services.*.url");
        assertThat(gateway.accepts("TRADEFLOW_GATEWAY_SERVICES_URL")).isFalse();
        // a name application.properties reads through an expression
        assertThat(gateway.accepts("TRADEFLOW_GATEWAY_JWT_ISSUER")).isTrue();
    }

    @Test
    void documentedKeysAreAddedOnlyWhenTheCallerListsThem() {
        ServiceConfigKeys gateway = ServiceConfigKeys.of(Repo.service("gateway-api"));

        assertThat(gateway.accepts("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).isFalse();
        assertThat(gateway.withDocumentedKeys(List.of("mp.jwt.verify.publickey.location"))
                .accepts("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).isTrue();
    }

    @Test
    void profileKeysCountOnlyForProd() {
        ServiceConfigKeys marketData = ServiceConfigKeys.of(Repo.service("market-data-service"));

        // %test.tradeflow.market-data.source is also a mapping key; the profile itself never shows up
        assertThat(marketData.keys()).contains("tradeflow.market-data.source").noneMatch(key -> key.startsWith("%"));
        assertThat(ServiceConfigKeys.environmentName("quarkus.http.auth.roles-mapping.\"admin\""))
                .isEqualTo("QUARKUS_HTTP_AUTH_ROLES_MAPPING__ADMIN_");
    }

    @Test
    void kebabCaseIsSmallRyesDefaultNaming() {
        assertThat(ConfigMappingKeys.kebab("coinMRestUrl")).isEqualTo("coin-m-rest-url");
        assertThat(ConfigMappingKeys.kebab("maxPollRecords")).isEqualTo("max-poll-records");
        assertThat(ConfigMappingKeys.kebab("keep")).isEqualTo("keep");
    }
}
