package io.tradeflow.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * For {@code @QuarkusTestResource(DevStackResource.class)}: hands the shared devstack's addresses to the
 * application under test. The servers outlive each application start; they stop with the test JVM.
 */
public class DevStackResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return SharedDevStack.endpoints().quarkusConfig();
    }

    @Override
    public void stop() {
        // The servers are shared by every test class of this JVM; SharedDevStack stops them at JVM exit.
    }
}
