package dev.togglsync.toggl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                SmallHeapRead.class.getName(), "250000"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        // The simulator deletes a few of its entries; a date window does not return deleted ones.
        assertThat(out).containsPattern("expected=(24\\d{4}) rows=\\1 records=\\1 requests=1 maxHeapMiB=3\\d ");
        System.out.println("StreamingIT: " + out.strip());
    }
}
