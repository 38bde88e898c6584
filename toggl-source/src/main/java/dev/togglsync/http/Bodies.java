package dev.togglsync.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.togglsync.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Error bodies and messages made fit for a log line: short, readable, and free of the token. */
final class Bodies {
    static final int EXCERPT_CHARS = 200;
    /** Read more than the excerpt so that a token is scrubbed whole before the cut. */
    private static final int READ_BYTES = 4096;
    private static final JsonFactory JSON = new JsonFactory();

    private final String token;
    /** The Base64 credentials of the Basic-auth header, as a server echoing the header would show them. */
    private final String credentials;

    Bodies(Secret token) {
        this.token = token.reveal();
        this.credentials = token.basicAuth().substring(Secret.BASIC.length());
    }

    /** The first bytes of an error body; Toggl's error bodies are short JSON strings. */
    static byte[] head(Response response) {
        try (InputStream in = response.body()) {
            return in.readNBytes(READ_BYTES);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /**
     * At most {@value #EXCERPT_CHARS} characters of a body, one line: a JSON string body
     * ({@code "Workspace not found"}) unquoted, anything else (HTML, text) as is.
     */
    String excerpt(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\"")) {
            try (JsonParser p = JSON.createParser(text)) {
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                    text = p.getText();
                }
            } catch (IOException ignored) {
                // a truncated string: show it raw
            }
        }
        return cut(scrub(text.replaceAll("\\s+", " ")));
    }

    /** The text with the token (plain or inside the Basic credentials) replaced by ****. */
    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String out = token.isEmpty() ? text : text.replace(token, "****");
        return out.replace(credentials, "****");
    }

    static String cut(String text) {
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS - 3) + "...";
    }
}
