package com.mustbeviral.platform.events;

/**
 * A consumed record that no retry can make handleable: not a CloudEvent, a payload that does not
 * parse, or one that lacks what its type requires. Thrown by handlers too; it is dead-lettered at
 * once instead of after the bounded retries.
 */
public class UndecodableEvent extends RuntimeException {

    public UndecodableEvent(String reason) {
        super(reason);
    }
}
