package dev.statickeys.samples.service;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response to send, and the few exchange helpers the handlers share.
 *
 * @param status the HTTP status
 * @param contentType the media type of {@code body}
 * @param body the body, sent as UTF-8
 */
record Reply(int status, String contentType, String body) {
    /** Request bodies larger than this are refused: an order is a few hundred bytes. */
    static final int MAX_BODY = 64 * 1024;

    static Reply text(int status, String body) {
        return new Reply(status, "text/plain; charset=utf-8", body.endsWith("\n") ? body : body + "\n");
    }

    static Reply json(int status, String body) {
        return new Reply(status, "application/json", body + "\n");
    }

    /** Sends this reply and closes the exchange. */
    void send(HttpExchange exchange) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The request body as UTF-8 text.
     *
     * @throws IllegalArgumentException if it is larger than {@link #MAX_BODY}
     */
    static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("request body larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
