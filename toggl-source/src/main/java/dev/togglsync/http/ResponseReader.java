package dev.togglsync.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A {@link BodyReader} that also needs the response's headers: the Reports API pages by
 * {@code X-Next-ID}/{@code X-Next-Row-Number} and says the range it used in {@code X-Range-*};
 * the organization user list pages by {@code X-Pages}. Run again, like a body reader, when a body
 * breaks off.
 */
@FunctionalInterface
public interface ResponseReader<T> {
    T read(ResponseHeaders headers, InputStream body) throws IOException;
}
