package io.tradeflow.exchangeinfo;

/**
 * A document that is not a Binance futures {@code exchangeInfo} answer: not JSON, or without {@code serverTime} or
 * the {@code symbols} array (a Binance error body answered with 200, a proxy's HTML page, the wrong file).
 */
public final class ExchangeInfoFormatException extends Exception {
    private final String where;
    private final String problem;

    /**
     * @param where   the request, resource or file the document came from
     * @param problem what is wrong with it, such as {@code no symbols array}
     */
    public ExchangeInfoFormatException(String where, String problem) {
        super(where + ": not an exchangeInfo document (" + problem + ")");
        this.where = where;
        this.problem = problem;
    }

    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }
}
