package dev.togglsync.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body that buffers small bodies (sent with Content-Length, as Toggl does) and switches
 * to chunked streaming once a body outgrows {@link #BUFFER}, so a million entries flow straight
 * from the generator to the socket. It also carries out the body faults: {@link Fault.Truncated}
 * (a valid HTTP response whose JSON stops halfway) and {@link Fault.Reset} (the connection drops
 * mid-body).
 */
final class ResponseStream extends OutputStream {
    static final int BUFFER = 64 * 1024;

    /** The body was cut on purpose; the exchange should still end cleanly. */
    static final class Cut extends IOException {
        private static final long serialVersionUID = 1L;

        Cut() {
            super("simulator: body truncated by fault", null);
        }
    }

    /** The connection must be dropped; thrown out of the HttpHandler so the server closes it. */
    static final class Reset extends IOException {
        private static final long serialVersionUID = 1L;

        Reset() {
            super("simulator: connection reset by fault", null);
        }
    }

    private final HttpExchange exchange;
    private final int status;
    private final Fault fault;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
    private OutputStream out;
    private boolean discard;
    private boolean closed;
    private boolean headersSent;

    ResponseStream(HttpExchange exchange, int status, Fault fault) {
        this.exchange = exchange;
        this.status = status;
        this.fault = fault;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (discard) {
            return;
        }
        if (out != null) {
            out.write(b, off, len);
            return;
        }
        buffer.write(b, off, len);
        if (buffer.size() > BUFFER) {
            startStreaming();
        }
    }

    @Override
    public void flush() throws IOException {
        if (out != null && !discard) {
            out.flush();
        }
    }

    /**
     * Gives up on this body after a failure while writing it: nothing more is sent. Returns true
     * when the status line already went out (the caller must then drop the connection rather
     * than end a half body cleanly), false when nothing was sent and another answer may follow.
     */
    boolean abandon() {
        discard = true;
        closed = true;
        return headersSent;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (discard) {
            return;
        }
        if (out != null) {
            out.close();
            return;
        }
        byte[] body = buffer.toByteArray();
        buffer = null;
        headersSent = true;
        if (fault instanceof Fault.Truncated) {
            int cut = body.length / 2;
            exchange.sendResponseHeaders(status, cut == 0 ? -1 : cut);
            exchange.getResponseBody().write(body, 0, cut);
            exchange.getResponseBody().close();
        } else if (fault instanceof Fault.Reset) {
            exchange.sendResponseHeaders(status, body.length);
            dropAfterHalf(exchange.getResponseBody(), body, body.length);
        } else {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.getResponseBody().close();
        }
    }

    private void startStreaming() throws IOException {
        headersSent = true;
        exchange.sendResponseHeaders(status, 0);
        OutputStream raw = exchange.getResponseBody();
        byte[] head = buffer.toByteArray();
        buffer = null;
        if (fault instanceof Fault.Truncated) {
            raw.write(head, 0, head.length / 2);
            discard = true;
            raw.close();
            throw new Cut();
        }
        if (fault instanceof Fault.Reset) {
            dropAfterHalf(raw, head, head.length);
        }
        out = raw;
        out.write(head);
    }

    private void dropAfterHalf(OutputStream raw, byte[] body, int length) throws IOException {
        raw.write(body, 0, length / 2);
        raw.flush();
        discard = true;
        throw new Reset();
    }
}
