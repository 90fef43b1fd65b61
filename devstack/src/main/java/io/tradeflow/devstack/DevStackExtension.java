package io.tradeflow.devstack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** For plain JUnit 5 tests: {@code @ExtendWith(DevStackExtension.class)}, then take an {@link Endpoints} parameter. */
public class DevStackExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Endpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedDevStack.endpoints();
    }
}
