package com.mustbeviral.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP/1.1 written by hand, for requests an HTTP client library will not send as asked: a declared
 * body that never comes, or a chunked body cut off at a chosen byte. Reads the answer until the
 * gateway closes the connection.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** A parsed answer: status code, headers (names lower-cased) and body text. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Sends {@code head} (request line and headers, CRLF-separated, without the blank line), then the body parts. */
    static Answer exchange(int port, String head, byte[]... bodyParts) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] part : bodyParts) {
                out.write(part);
            }
            out.flush();
            return parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** One chunk of a chunked body, framed. */
    static byte[] chunk(byte[] data) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream(data.length + 16);
        framed.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        framed.writeBytes(data);
        framed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return framed.toByteArray();
    }

    private static Answer parse(String raw) {
        int endOfHead = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, endOfHead).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(endOfHead + 4));
    }
}
