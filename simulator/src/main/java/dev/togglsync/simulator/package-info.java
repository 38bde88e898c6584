/**
 * A local fake of the Toggl Track API (v9 and Reports v3) for the demo, tests and benchmarks
 * (DESIGN.md §9). It imports nothing of the product: only the JDK ({@code com.sun.net.httpserver})
 * and Jackson.
 *
 * <p>The public surface, for tests written against it:
 * <ul>
 *   <li>{@link dev.togglsync.simulator.Simulator}: {@code start(SimulatorConfig)}, {@code baseUrl()},
 *       {@code token()}, {@code authorizationHeader()}, {@code requests()}, {@code clearRequests()},
 *       {@code dataset()}, {@code faults()}, {@code quota()}, {@code close()}.</li>
 *   <li>{@link dev.togglsync.simulator.SimulatorConfig}: defaults plus {@code with...} methods
 *       (seed, sizes, clock, quotas, burst limit, result cap, feature/access gates).</li>
 *   <li>{@link dev.togglsync.simulator.Dataset}: ground truth as Jackson {@code ObjectNode}s in the
 *       API's exact shape, and mutations that bump {@code at}.</li>
 *   <li>{@link dev.togglsync.simulator.FaultRule} / {@link dev.togglsync.simulator.Fault}: 429,
 *       5xx, HTML 503, truncated JSON, slow responses, dropped connections.</li>
 *   <li>{@link dev.togglsync.simulator.QuotaBuckets}, {@link dev.togglsync.simulator.RecordedRequest},
 *       {@link dev.togglsync.simulator.ManualClock}.</li>
 * </ul>
 */
package dev.togglsync.simulator;
