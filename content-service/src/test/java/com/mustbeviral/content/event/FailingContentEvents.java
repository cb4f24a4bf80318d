package com.mustbeviral.content.event;

import com.mustbeviral.content.Content;
import com.mustbeviral.platform.outbox.Outbox;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** content events whose first {@code content.published} fails, as a crash between the update and the event would. */
public class FailingContentEvents extends ContentEvents {

    private final AtomicInteger failuresLeft = new AtomicInteger(1);

    public FailingContentEvents(Outbox outbox) {
        super(outbox);
    }

    @Override
    public void published(Content c, List<String> tags, boolean byScheduler) {
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("the process died before the event was written");
        }
        super.published(c, tags, byScheduler);
    }
}
