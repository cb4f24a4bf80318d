package com.mustbeviral.platform.events;

/** What a consumer does with one event; any exception but {@link UndecodableEvent} is retried. */
@FunctionalInterface
public interface EventHandler {

    void handle(InboundEvent event) throws Exception;
}
