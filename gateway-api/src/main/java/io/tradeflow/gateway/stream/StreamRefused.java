package io.tradeflow.gateway.stream;

/** A stream that cannot be opened: answered as problem+json (400 naming the parameter, or 503). */
final class StreamRefused extends RuntimeException {
    final int status;
    final String title;
    final String field;

    private StreamRefused(int status, String title, String detail, String field, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    static StreamRefused invalid(String field, String detail) {
        return new StreamRefused(400, "Invalid stream request", detail, field, null);
    }

    static StreamRefused unavailable(String detail, Throwable cause) {
        return new StreamRefused(503, "Stream unavailable", detail, null, cause);
    }
}
