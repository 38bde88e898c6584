package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.togglsync.testing.ChildJvm;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Memory does not grow with the response: 250,000 time entries are
 * read in a JVM whose whole heap is 32 MB (measured: the simulator's body for
 * 250,000 entries is 97 MB). A reader that buffered the body, or the rows, would
 * die with OutOfMemoryError.
 */
class StreamingIT {
    @Test
    void aResponseMuchLargerThanTheHeapIsReadRecordByRecord() throws IOException, InterruptedException {
        try (ChildJvm child = ChildJvm.of(SmallHeapRead.class).withJvmOptions("-Xmx32m").start("250000")) {
            int exit = child.awaitExit(Duration.ofSeconds(120));
            String output = child.out() + child.err();

            assertThat(exit).as(output).isZero();
            // The simulator deletes a few of its entries; a date window does not return deleted ones.
            assertThat(child.out()).as(output)
                    .containsPattern("expected=(24\\d{4}) rows=\\1 records=\\1 requests=1 maxHeapMiB=3\\d ");
            System.out.println("StreamingIT: " + child.out().strip());
        }
    }
}
