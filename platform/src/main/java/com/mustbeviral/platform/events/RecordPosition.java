package com.mustbeviral.platform.events;

/** Where a consumed record sits in Kafka. */
public record RecordPosition(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}
