package io.tradeflow.execution.config;

import io.quarkus.scheduler.Scheduled;
import io.tradeflow.core.domain.Market;
import io.tradeflow.core.domain.Symbol;
import io.tradeflow.core.order.SymbolRules;
import io.tradeflow.exchangeinfo.BinanceExchangeInfo;
import io.tradeflow.execution.exchange.ExchangeInfoClient;
import io.tradeflow.exchangeinfo.ExchangeInfoFormatException;
import io.tradeflow.execution.exchange.SymbolRulesBook;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The symbol rules every order is rounded and checked with: the configured files first
 * ({@code tradeflow.execution.symbol-rules.files}), then Binance's exchangeInfo (fetched at start and every
 * {@code exchange-info-refresh}, when {@code exchange-info-fetch} is on), then the snapshot shipped with the service.
 */
@Singleton
public class SymbolRulesLookup implements Function<Symbol, Optional<SymbolRules>> {
    private static final Logger LOG = Logger.getLogger(SymbolRulesLookup.class);

    private final SymbolRulesBook book;
    private final Map<Symbol, SymbolRules> files;
    private final boolean fetch;
    private final Map<Symbol, SymbolRules> lastSeen = new ConcurrentHashMap<>();

    public SymbolRulesLookup(ExecutionConfig config) {
        ExecutionConfig.Binance binance = config.binance();
        this.book = SymbolRulesBook.fromSnapshot(new ExchangeInfoClient(binance.restUrl(), binance.coinMRestUrl(),
                ExchangeInfoClient.DEFAULT_TIMEOUT));
        this.files = read(config.symbolRules().files().orElse(List.of()));
        this.fetch = binance.exchangeInfoFetch();
    }

    /**
     * The symbol's rules; for a symbol Binance stopped listing (delisted, settling) the last rules seen, so that a
     * position held in it can still be closed and its stops filled.
     */
    @Override
    public Optional<SymbolRules> apply(Symbol symbol) {
        SymbolRules fromFile = files.get(symbol);
        if (fromFile != null) {
            return Optional.of(fromFile);
        }
        Optional<SymbolRules> current = book.rules(symbol);
        current.ifPresent(rules -> lastSeen.put(symbol, rules));
        return current.or(() -> Optional.ofNullable(lastSeen.get(symbol)));
    }

    /** First run at start, on the scheduler's thread (start-up does not wait for Binance), then every period. */
    @Scheduled(every = "${tradeflow.execution.binance.exchange-info-refresh:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (fetch) {
            LOG.info(book.refresh());
        }
    }

    private static Map<Symbol, SymbolRules> read(List<Path> paths) {
        Map<Symbol, SymbolRules> rules = new HashMap<>();
        for (Path path : paths) {
            try {
                BinanceExchangeInfo info = BinanceExchangeInfo.parse(Files.readString(path), Market.USD_M, path.toString());
                rules.putAll(info.rules());
                LOG.infof("Symbol rules of %d symbol(s) from %s take precedence over Binance's", info.rules().size(), path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read tradeflow.execution.symbol-rules.files entry " + path, e);
            } catch (ExchangeInfoFormatException e) {
                throw new IllegalStateException("tradeflow.execution.symbol-rules.files entry " + path
                        + " is not an exchangeInfo document: " + e.getMessage(), e);
            }
        }
        return Map.copyOf(rules);
    }
}
