package dev.togglsync.simulator;

/** An API-level refusal (400, 403, 404, ...): answered with the message as a JSON string body. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    int status() {
        return status;
    }
}
