package com.mustbeviral.content.repository;

/**
 * An existing content row was changed by this instance (an edit, a status change, a delete): what
 * readers of public pages may have seen before is no longer true. Fired in the transaction of the
 * change; observers that act on it after the commit use a transactional observer.
 */
public record ContentChanged(String contentId) {
}
