package com.mustbeviral.fleet;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The partner's redirect URI: a real HTTP endpoint on localhost that the browser is sent back to,
 * which records the full callback URI it was called with (code and state, or the error).
 */
final class PartnerCallback implements AutoCloseable {

    private final HttpServer server;
    private volatile CompletableFuture<URI> next = new CompletableFuture<>();

    PartnerCallback() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/callback", exchange -> {
            URI called = URI.create(redirectUri() + (exchange.getRequestURI().getRawQuery() == null ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()));
            byte[] page = "<!DOCTYPE html><title>Partner</title><p id=\"done\">Back at the partner</p>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
            next.complete(called);
        });
        server.start();
    }

    URI redirectUri() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/callback");
    }

    /** The next callback the browser makes; if none comes, where the browser was left instead. */
    URI awaitCallback(WebDriver browser) throws Exception {
        try {
            return next.get(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the browser never came back to the partner; it was left on "
                    + browser.getCurrentUrl() + " showing: " + browser.findElement(By.tagName("body")).getText(), e);
        } finally {
            next = new CompletableFuture<>();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
