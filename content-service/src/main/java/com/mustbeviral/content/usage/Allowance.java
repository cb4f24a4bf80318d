package com.mustbeviral.content.usage;

import java.time.Instant;

/** What a user may use of one feature in the current period, and under which plan. */
record Allowance(String plan, long limit, Instant periodStart, Instant periodEnd) {
}
