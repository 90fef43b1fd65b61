package io.tradeflow.backtest.exchange;

import io.tradeflow.backtest.input.InputException;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;
import io.tradeflow.exchangeinfo.ExchangeInfoFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The symbol rules a backtest sizes and rounds orders with: a saved Binance USD-M {@code GET /fapi/v1/exchangeInfo}
 * answer (https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information),
 * or the USD-M snapshot execution-service ships, both read by the same parser as execution-service's
 * ({@link BinanceExchangeInfo}, module exchange-info): symbols whose {@code status} is {@code TRADING}, each with
 * PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE and MIN_NOTIONAL, numbers exact with their scale kept. A symbol missing a
 * filter or breaking a rule of SymbolRules is left out and named in {@link #rejected()}.
 *
 * @param source     the file (or built-in resource) read, for messages
 * @param rules      the rules of every usable symbol, in the order listed
 * @param notTrading symbols listed with another status (settling, delivered, halted): they have no rules
 * @param rejected   one sentence per symbol left out, starting with its name
 */
public record ExchangeInfoFile(String source, Map<Symbol, SymbolRules> rules, List<String> notTrading,
                               List<String> rejected) {

    /** The built-in rules: the shipped USD-M snapshot (BTCUSDT), see exchange-info's {@code exchange-info/SOURCES.md}. */
    public static final String BUILT_IN = "/" + BinanceExchangeInfo.USD_M_SNAPSHOT;

    /** The rules {@code bin/backtest} uses when no file is given. */
    public static ExchangeInfoFile builtIn() {
        return of(BinanceExchangeInfo.snapshot(Market.USD_M), "the built-in rules (" + BUILT_IN + ")");
    }

    /** Reads a saved exchangeInfo answer; fails naming the file when it is unreadable or not one. */
    public static ExchangeInfoFile read(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            InputException cannot = InputException.cannotRead("symbol rules file", file, e);
            throw new InputException(cannot.getMessage() + ". Give a saved USD-M exchangeInfo answer"
                    + " (curl -s https://fapi.binance.com/fapi/v1/exchangeInfo > exchange-info.json)", e);
        }
        return parse(json, file.toString());
    }

    /** Parses a USD-M exchangeInfo answer; {@code where} names it in messages. */
    public static ExchangeInfoFile parse(String json, String where) {
        try {
            return of(BinanceExchangeInfo.parse(json, Market.USD_M, where), where);
        } catch (ExchangeInfoFormatException e) {
            throw new InputException("The symbol rules file " + where + " is not a USD-M exchangeInfo answer ("
                    + e.problem() + "). Save one with: curl -s https://fapi.binance.com/fapi/v1/exchangeInfo"
                    + " > exchange-info.json", e);
        }
    }

    private static ExchangeInfoFile of(BinanceExchangeInfo info, String source) {
        return new ExchangeInfoFile(source, info.rules(), info.notTrading(), info.rejected());
    }
}
