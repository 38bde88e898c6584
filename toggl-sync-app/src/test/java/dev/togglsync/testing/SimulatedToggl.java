package dev.togglsync.testing;

import dev.togglsync.simulator.Simulator;

/**
 * The {@code TOGGL_TRACK} connection that points a run at a simulator, written once: the tests
 * that drive the CLI differ only in the token (a refused one, say) and the pace they allow.
 */
public final class SimulatedToggl {
    private SimulatedToggl() {
    }

    /** The simulator's own token at {@code rate} requests per second. */
    public static String connection(Simulator sim, double rate) {
        return connection(sim.token(), sim.baseUrl(), rate);
    }

    /** Any token (a refused one, say) sent to {@code baseUrl} at {@code rate} requests per second. */
    public static String connection(String token, String baseUrl, double rate) {
        return "{ type: api, spec: toggl-track, secrets: { api_token: '" + token + "' },"
                + " inputs: { base_url: '" + baseUrl + "', rate: " + rate + " } }";
    }
}
