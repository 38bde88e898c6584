package dev.togglsync.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a successful response's body as it streams in. An {@link IOException} (a truncated body,
 * bytes that are not the expected JSON) makes the whole request be sent again, so a reader must
 * tolerate being run more than once for the same request; any other exception ends the request.
 */
@FunctionalInterface
public interface BodyReader<T> {
    T read(InputStream body) throws IOException;
}
