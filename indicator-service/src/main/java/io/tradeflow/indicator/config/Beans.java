package io.tradeflow.indicator.config;

import io.tradeflow.indicator.domain.IndicatorNames;
import io.tradeflow.indicator.domain.IndicatorRequirements;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the plain-Java state holders from the configuration. */
public class Beans {

    /** Fails the start with the offending entry when a configured default is not an indicator. */
    @Produces
    @Singleton
    IndicatorRequirements indicatorRequirements(IndicatorConfig config) {
        return new IndicatorRequirements(IndicatorNames.parse("tradeflow.indicator.defaults", config.defaults()));
    }
}
