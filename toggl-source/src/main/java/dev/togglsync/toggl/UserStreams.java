package dev.togglsync.toggl;

import dev.togglsync.http.QuotaBucket;
import dev.togglsync.schema.RowSink;
import java.util.List;

/**
 * Streams of the user's own data that need nothing but their endpoint ({@code me}): every page of
 * it once, against the user's quota bucket.
 */
final class UserStreams implements StreamReader {
    private final TogglApi api;

    UserStreams(TogglApi api) {
        this.api = api;
    }

    @Override
    public Outcome read(TogglStream stream, ReadRequest request, RowSink sink, List<String> warnings) {
        RecordDecoder decoder = new RecordDecoder(stream.spec(), sink, warnings);
        return Outcome.records(api.readAll(stream, page -> stream.endpoint().request(QuotaBucket.USER, page), decoder));
    }

    @Override
    public List<PlannedRequest> plan(TogglStream stream, ReadRequest request) {
        return List.of(stream.endpoint().planned(stream.scope().quota(), PlannedRequest.Repeat.ONCE));
    }
}
