package com.mustbeviral.gateway;

import java.io.IOException;
import java.net.ServerSocket;

/** A local port nothing listens on: bound once to get a free one, then released. */
final class ClosedPort {

    private ClosedPort() {
    }

    static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
