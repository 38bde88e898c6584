package dev.togglsync.toggl;

import dev.togglsync.TogglSyncException;
import dev.togglsync.http.ApiClient;
import dev.togglsync.http.ApiException;
import dev.togglsync.http.BodyReader;
import dev.togglsync.http.Request;

/**
 * The HTTP client as the streams use it: a refused token on the user's own data ends the run at
 * once with the authentication exit code, whichever stream noticed it first.
 */
final class TogglApi {
    private final ApiClient client;
    private final String connection;

    TogglApi(ApiClient client, String connection) {
        this.client = client;
        this.connection = connection;
    }

    <T> T execute(Request request, BodyReader<T> reader) {
        try {
            return client.execute(request, reader);
        } catch (ApiException e) {
            // 401 means the credentials were not accepted anywhere; a 403 on /me paths (the
            // user's own data) means the same (toggl-api.md §2). A 403 on a workspace path is
            // about that workspace only, and is the stream's to handle.
            if (e.status() == 401 || (e.status() == 403 && request.path().startsWith("/api/v9/me"))) {
                throw TogglSyncException.authentication("connection " + connection
                        + ": Toggl refused the API token (HTTP " + e.status() + " on " + request.describe()
                        + (e.body().isEmpty() ? "" : ": " + e.body()) + "); check secrets.api_token", e);
            }
            throw e;
        }
    }

    long requests() {
        return client.requests();
    }
}
