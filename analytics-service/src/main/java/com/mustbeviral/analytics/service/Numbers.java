package com.mustbeviral.analytics.service;

import com.mustbeviral.analytics.EventType;
import com.mustbeviral.analytics.repository.Counters;

/** A dashboard's numbers for one period, or in total. */
public record Numbers(long views, long uniqueVisitors, long clicks, long shares, long likes, long comments,
        long conversions, long signups, long purchases, long customs) {

    public static Numbers of(Counters c, long uniqueVisitors) {
        return new Numbers(c.get(EventType.VIEW), uniqueVisitors, c.get(EventType.CLICK), c.get(EventType.SHARE),
                c.get(EventType.LIKE), c.get(EventType.COMMENT), c.get(EventType.CONVERSION), c.get(EventType.SIGNUP),
                c.get(EventType.PURCHASE), c.get(EventType.CUSTOM));
    }
}
