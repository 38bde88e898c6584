package dev.togglsync.config;

import dev.togglsync.TogglSyncException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a configuration file (replication YAML, env.yaml, .env.sling) as UTF-8 text. Each way it
 * can fail gets its own message: missing, a directory, not readable, or not UTF-8 (with the line
 * and offset of the first bad byte, never the text around it: it may hold a secret). A UTF-8
 * byte-order mark, which some Windows editors write, is dropped.
 */
final class TextFiles {
    private TextFiles() {}

    /** @param label how messages name the file */
    static String read(Path file, String label) {
        if (Files.isDirectory(file)) {
            throw TogglSyncException.invalidInput(label + ": is a directory, not a file; name the file itself");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw TogglSyncException.invalidInput(label + ": file not found (" + file.toAbsolutePath()
                    + "); check the path");
        } catch (AccessDeniedException e) {
            throw TogglSyncException.invalidInput(label + ": cannot be read: permission denied;"
                    + " check the file's permissions", e);
        } catch (IOException e) {
            throw TogglSyncException.invalidInput(label + ": cannot be read ("
                    + e.getClass().getSimpleName() + "); check the file", e);
        }
        return decode(bytes, label);
    }

    static String decode(byte[] bytes, String label) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw TogglSyncException.invalidInput(String.format("%s: line %d: not UTF-8 text (byte 0x%02X at offset %d);"
                    + " save it as UTF-8", label, line, bytes[offset] & 0xff, offset));
        }
        return out.flip().toString();
    }
}
