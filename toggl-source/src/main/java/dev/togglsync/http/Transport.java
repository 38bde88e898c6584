package dev.togglsync.http;

import java.io.IOException;

/**
 * Sends one request and returns its response with the body still streaming. The JDK client sits
 * at the bottom; pacing, metering and the quota gate wrap it, each adding one concern.
 */
interface Transport {
    /** The caller closes the response. An {@link IOException} means no (usable) response arrived. */
    Response send(Request request) throws IOException;
}
