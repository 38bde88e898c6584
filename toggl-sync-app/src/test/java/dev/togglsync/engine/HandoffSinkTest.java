package dev.togglsync.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.togglsync.ExitCode;
import dev.togglsync.TogglSyncException;
import dev.togglsync.schema.Column;
import dev.togglsync.schema.ColumnType;
import dev.togglsync.schema.RowSink;
import dev.togglsync.schema.TableSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rows and schema changes reach the target in order, on another thread, with bounded memory and failures passed back. */
class HandoffSinkTest {
    private static final TableSchema WIDER = TableSchema.of(new Column("id", ColumnType.BIGINT), new Column("x", ColumnType.TEXT));

    /** Records what arrives and on which thread. */
    private static class Recording implements RowSink {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void schemaChanged(TableSchema schema) {
            events.add("schema " + schema.size());
        }

        @Override
        public void accept(Object[] row) {
            events.add(String.valueOf(row[0]));
            threads.add(Thread.currentThread().getName());
        }
    }

    @Test
    void rowsAndSchemaChangesArriveInOrderOnTheWriterThreadByTheTimeFinishReturns() {
        Recording target = new Recording();
        List<String> expected = new ArrayList<>();
        try (HandoffSink sink = new HandoffSink(target, "items")) {
            for (long i = 0; i < 3 * HandoffSink.BATCH + 7; i++) {
                sink.accept(new Object[] {i});
                expected.add(String.valueOf(i));
                if (i == HandoffSink.BATCH + 3) {
                    sink.schemaChanged(WIDER);
                    expected.add("schema 2");
                }
            }
            sink.finish();
            assertThat(target.events).containsExactlyElementsOf(expected);
        }
        assertThat(target.threads).containsOnly("toggl-sync-writer-items");
    }

    @Test
    void theReaderWaitsWhenTheWriterFallsBehindSoAtMostAFewBatchesAreHeld() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger written = new AtomicInteger();
        RowSink slow = new RowSink() {
            @Override
            public void schemaChanged(TableSchema schema) {}

            @Override
            public void accept(Object[] row) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                written.incrementAndGet();
            }
        };
        AtomicInteger handed = new AtomicInteger();
        try (HandoffSink sink = new HandoffSink(slow, "items")) {
            Thread reader = new Thread(() -> {
                for (int i = 0; i < 100 * HandoffSink.BATCH; i++) {
                    sink.accept(new Object[] {i});
                    handed.incrementAndGet();
                }
            });
            reader.start();
            reader.join(300);
            // one batch in the writer's hands, IN_FLIGHT queued, one being filled
            assertThat(reader.isAlive()).as("the reader is held up").isTrue();
            assertThat(handed.get()).isLessThanOrEqualTo((HandoffSink.IN_FLIGHT + 2) * HandoffSink.BATCH);
            release.countDown();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            sink.finish();
        }
        assertThat(written.get()).isEqualTo(100 * HandoffSink.BATCH);
    }

    @Test
    void aTargetFailureReachesTheReaderAsTheSameExceptionAndStopsTheWriter() {
        TogglSyncException broken = TogglSyncException.target("duckdb://x.duckdb: items: writing rows: disk full", null);
        AtomicInteger written = new AtomicInteger();
        RowSink failing = new RowSink() {
            @Override
            public void schemaChanged(TableSchema schema) {}

            @Override
            public void accept(Object[] row) {
                if (written.incrementAndGet() == 10) {
                    throw broken;
                }
            }
        };
        HandoffSink sink = new HandoffSink(failing, "items");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000 * HandoffSink.BATCH; i++) {
                sink.accept(new Object[] {i});
            }
            sink.finish();
        }).isSameAs(broken);
        sink.close();
        assertThat(written.get()).isEqualTo(10);
        assertThat(broken.exitCode()).isEqualTo(ExitCode.TARGET);
    }

    @Test
    void aFailureInTheLastBatchSurfacesAtFinish() {
        IllegalArgumentException wrongClass = new IllegalArgumentException("column at (TIMESTAMPTZ) cannot hold a String value");
        RowSink failing = new RowSink() {
            @Override
            public void schemaChanged(TableSchema schema) {}

            @Override
            public void accept(Object[] row) {
                throw wrongClass;
            }
        };
        try (HandoffSink sink = new HandoffSink(failing, "items")) {
            sink.accept(new Object[] {1L});
            assertThatThrownBy(sink::finish).isSameAs(wrongClass);
        }
    }

    @Test
    void closingWithoutFinishingDropsWhatIsLeftAndReturnsOnceTheWriterHasStopped() throws Exception {
        CountDownLatch firstRow = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Recording target = new Recording() {
            @Override
            public void accept(Object[] row) {
                super.accept(row);
                firstRow.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        };
        HandoffSink sink = new HandoffSink(target, "items");
        for (int i = 0; i < 3 * HandoffSink.BATCH; i++) {
            sink.accept(new Object[] {i});
        }
        assertThat(firstRow.await(10, TimeUnit.SECONDS)).isTrue();
        Thread closer = new Thread(sink::close);
        closer.start();
        closer.join(200);
        assertThat(closer.isAlive()).as("close waits for the row being written").isTrue();
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(closer.isAlive()).isFalse();
        assertThat(target.events).as("only the row that was being written").containsExactly("0");
    }
}
