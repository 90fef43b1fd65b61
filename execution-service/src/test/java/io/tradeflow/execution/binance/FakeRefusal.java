package io.tradeflow.execution.binance;

/**
 * A refusal of {@link BinanceFuturesFake}: answered as Binance answers errors, HTTP {@code status} with the body
 * {@code {"code": code, "msg": msg}}. Messages are the documented ones (see {@link FakeMessages#errorMessage}).
 */
final class FakeRefusal extends RuntimeException {

    final int status;
    final int code;

    FakeRefusal(int status, int code, String msg) {
        super(msg, null, false, false);
        this.status = status;
        this.code = code;
    }

    /** HTTP 400 with the first documented message of {@code code}. */
    static FakeRefusal of(int code) {
        return new FakeRefusal(400, code, FakeMessages.errorMessage(code));
    }

    /** HTTP 400 with {@code code} and the documented message of that code that takes {@code arguments} ({@code %s}). */
    static FakeRefusal of(int code, Object... arguments) {
        return new FakeRefusal(400, code, FakeMessages.errorMessage(code, arguments));
    }

    /** -1102: {@code name} was not sent, was empty or malformed. */
    static FakeRefusal missing(String name) {
        return of(-1102, name);
    }

    String body() {
        return FakeMessages.errorBody(code, getMessage());
    }
}
