package com.mustbeviral.platform.events;

import java.util.List;

/** What a batch consumer does with the events of one poll; any exception but {@link UndecodableEvent} is retried. */
@FunctionalInterface
public interface BatchHandler {

    void handle(List<InboundEvent> events) throws Exception;
}
