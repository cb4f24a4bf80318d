package com.mustbeviral.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the example payloads of the contracts module, which producer and consumer tests share. */
public final class ExamplePayloads {

    private ExamplePayloads() {
    }

    /** The example JSON payload of an event type, e.g. {@code user.registered}. */
    public static String of(String eventType) {
        String resource = "/contracts/examples/" + eventType + ".json";
        try (InputStream in = ExamplePayloads.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No example payload " + resource + " in the contracts module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
