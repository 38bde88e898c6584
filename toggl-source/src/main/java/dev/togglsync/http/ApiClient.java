package dev.togglsync.http;

/**
 * The HTTP layer as its callers see it: {@link #execute} sends a request through retry, quota
 * gate, pacing and metering down to the JDK client, and hands the streaming body to a reader.
 * One request at a time; not meant for concurrent use.
 */
public final class ApiClient implements AutoCloseable {
    private final UrlConnectionTransport transport;
    private final Metering metering;
    private final Retry retry;

    public ApiClient(HttpSettings settings) {
        this.transport = new UrlConnectionTransport(
                settings.baseUrl(), settings.token(), settings.connectTimeout(), settings.requestTimeout());
        this.metering = new Metering(transport, settings.listener());
        Transport paced = new Pacing(metering, settings.rate(), settings.clock(), settings.sleeper());
        Transport gated = new QuotaGate(
                paced, settings.clock(), settings.sleeper(), settings.listener(), settings.maxQuotaWait());
        this.retry = new Retry(gated, settings.clock(), settings.sleeper(), settings.listener(), new Bodies(settings.token()),
                settings.maxQuotaWait());
    }

    /**
     * Sends {@code request} and returns what {@code reader} made of the body.
     *
     * @throws ApiException when the request was refused (401, 402 for a feature, 403, other 4xx)
     *     or a transient failure outlasted every attempt
     * @throws QuotaExhaustedException when a quota reset is further away than max_quota_wait
     */
    public <T> T execute(Request request, BodyReader<T> reader) {
        return retry.execute(request, reader);
    }

    /** Requests sent so far, retries and quota look-ups included. */
    public long requests() {
        return metering.requests();
    }

    @Override
    public void close() {
        transport.close();
    }
}
