package io.tradeflow.marketdata.domain;

/**
 * Publishing has failed for good: a kline could not be handed to Kafka, or Kafka refused one. Nothing more is
 * published by this process, because a later kline on the topic would turn the failed one into a hole that no
 * restart fills; health reports the failure and a restart resumes after the last kline on the topic.
 */
public class PublishingFailedException extends RuntimeException {

    public PublishingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
