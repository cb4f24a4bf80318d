package com.mustbeviral.fleet;

import io.restassured.RestAssured;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packaged fleet, started once for every test class that extends with this and stopped after the
 * last of them: starting six services takes a minute on two cores, too long to pay per class.
 */
final class RunningFleet implements BeforeAllCallback {

    static final Fleet FLEET = new Fleet();

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningFleet.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes what it holds when the whole run ends.
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("fleet", key -> start(), AutoCloseable.class);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = Fleet.GATEWAY_PORT;
    }

    private static AutoCloseable start() {
        try {
            FLEET.wipe();
            FLEET.up();
        } catch (Exception e) {
            throw new IllegalStateException("the fleet did not start", e);
        }
        return FLEET::down;
    }
}
