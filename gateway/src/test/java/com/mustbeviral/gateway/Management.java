package com.mustbeviral.gateway;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the gateway's management interface (health, metrics, API docs), off its public port. */
final class Management {

    private Management() {
    }

    static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    static int port() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }
}
