package dev.togglsync.toggl;

import dev.togglsync.TogglSyncException;
import dev.togglsync.http.ApiClient;
import dev.togglsync.http.ApiException;
import dev.togglsync.http.BodyReader;
import dev.togglsync.http.Request;
import java.util.function.IntFunction;

/**
 * The HTTP client as the streams use it: requests are sent on behalf of a {@link TogglStream},
 * whose declaration says what a refusal means. A refused token ends the run at once with the
 * authentication exit code, whichever stream noticed it first. Pages are walked as the stream's
 * endpoint lays them out.
 */
final class TogglApi {
    private final ApiClient client;
    private final String connection;

    TogglApi(ApiClient client, String connection) {
        this.client = client;
        this.connection = connection;
    }

    <T> T execute(TogglStream stream, Request request, BodyReader<T> reader) {
        try {
            return client.execute(request, reader);
        } catch (ApiException e) {
            throw switch (stream.refusal(e.status()).action()) {
                case AUTHENTICATION_FAILED -> TogglSyncException.authentication("connection " + connection
                        + ": Toggl refused the API token (HTTP " + e.status() + " on " + request.describe()
                        + (e.body().isEmpty() ? "" : ": " + e.body()) + "); check secrets.api_token", e);
                // Skipping is the caller's: it knows which workspace the request addressed.
                case STREAM_FAILS, SKIP -> e;
            };
        }
    }

    /**
     * Reads every record of {@code stream}'s endpoint through {@code decoder}, asking
     * {@code request} for page 1, 2, ... as the endpoint's paging needs; returns how many.
     */
    long readAll(TogglStream stream, IntFunction<Request> request, RecordDecoder decoder) {
        return switch (stream.endpoint().paging()) {
            case SINGLE_OBJECT -> {
                Request r = request.apply(1);
                yield execute(stream, r, body -> Pages.object(body, decoder, r.describe()));
            }
            case WHOLE_ARRAY -> {
                Request r = request.apply(1);
                yield execute(stream, r, body -> Pages.array(body, decoder, r.describe()));
            }
            case PAGE_NUMBERED -> {
                long records = 0;
                for (int page = 1; ; page++) {
                    Request r = request.apply(page);
                    int n = execute(stream, r, body -> Pages.array(body, decoder, r.describe()));
                    records += n;
                    // No total in a bare array: a short page is the last one (toggl-api.md §4.4).
                    if (n < Endpoint.PER_PAGE) {
                        yield records;
                    }
                }
            }
            case ENVELOPE -> {
                long records = 0;
                for (int page = 1; ; page++) {
                    Request r = request.apply(page);
                    Pages.Envelope e = execute(stream, r, body -> Pages.envelope(body, decoder, r.describe()));
                    records += e.records();
                    long total = e.totalCount().orElse(Long.MAX_VALUE);
                    // Done at a short or empty page, or once total_count is reached (toggl-api.md §4.7).
                    if (e.records() < Endpoint.PER_PAGE || (long) page * Endpoint.PER_PAGE >= total) {
                        yield records;
                    }
                }
            }
        };
    }

    long requests() {
        return client.requests();
    }
}
