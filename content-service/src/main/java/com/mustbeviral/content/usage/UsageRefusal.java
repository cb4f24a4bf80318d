package com.mustbeviral.content.usage;

/** Why a metered action was refused. */
public enum UsageRefusal {
    /** The user's plan allows no more of the feature this period: 402, with the limit, the period's end and where to upgrade. */
    LIMIT_REACHED
}
