package dev.togglsync.health;

import dev.togglsync.engine.CycleListener;
import dev.togglsync.engine.CycleReport;
import dev.togglsync.engine.StreamReport;
import dev.togglsync.http.HttpListener;
import dev.togglsync.http.RequestEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code /metrics} of {@code run --every}, in Prometheus' text format through Micrometer's
 * registry: cycles by outcome, rows per stream, requests and quota left per bucket, the last
 * success, cycle durations as a histogram, and the heap after the last GC (what the soak in bench/
 * watches for growth). Meters are created once per stream or bucket name, so their number is
 * bounded by the plan and the account, not by the number of cycles.
 */
public final class SyncMetrics implements CycleListener, HttpListener {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicLong> quotaRemaining = new ConcurrentHashMap<>();
    private final AtomicLong lastSuccessSeconds = new AtomicLong();
    private final Timer cycleDuration;

    public SyncMetrics() {
        Gauge.builder("toggl_sync_last_success_timestamp", lastSuccessSeconds, AtomicLong::doubleValue)
                .baseUnit("seconds").description("When the last successful cycle finished (Unix time)").register(registry);
        Gauge.builder("toggl_sync_heap_after_gc", SyncMetrics::heapAfterGc).baseUnit("bytes")
                .description("Heap in use right after the last garbage collection").register(registry);
        cycleDuration = Timer.builder("toggl_sync_cycle_duration").description("How long a cycle took")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(30)).register(registry);
        for (String outcome : new String[] {"success", "failure"}) {
            cycles(outcome);
        }
    }

    /** The Prometheus text exposition (format 0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void requestSent(RequestEvent event) {
        String bucket = event.bucket().label();
        Counter.builder("toggl_sync_requests").description("Requests sent to Toggl, per quota bucket")
                .tag("bucket", bucket).register(registry).increment();
        if (event.quotaRemaining().isPresent()) {
            quotaRemaining.computeIfAbsent(bucket, b -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("toggl_sync_quota_remaining", value, AtomicLong::doubleValue)
                        .description("X-Toggl-Quota-Remaining of the bucket's last response").tag("bucket", b)
                        .register(registry);
                return value;
            }).set(event.quotaRemaining().getAsLong());
        }
    }

    @Override
    public void cycleFinished(CycleReport report) {
        cycles(report.succeeded() ? "success" : "failure").increment();
        report.run().ifPresent(run -> {
            cycleDuration.record(run.elapsed());
            for (StreamReport s : run.streams()) {
                Counter.builder("toggl_sync_rows").description("Rows committed, per stream").tag("stream", s.stream())
                        .register(registry).increment(s.rows());
            }
        });
        if (report.succeeded()) {
            lastSuccessSeconds.set(report.finishedAt().getEpochSecond());
        }
    }

    private Counter cycles(String outcome) {
        return Counter.builder("toggl_sync_cycles").description("Cycles of run --every, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private static double heapAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }
}
