package com.mustbeviral.content.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where media bytes live: the local filesystem by default, S3-compatible object storage in
 * production ({@code content.media.store}). Keys are ours ({@code media/<owner>/<id>/<original or variant>}).
 */
public interface MediaStore {

    /** Stores the file under the key (replacing what was there). */
    void put(String key, Path file, String mediaType) throws IOException;

    /** {@code length} bytes from {@code offset}; the caller closes the stream. */
    InputStream read(String key, long offset, long length) throws IOException;

    /** Removes the object; no error when it is already gone. */
    void delete(String key) throws IOException;

    boolean exists(String key) throws IOException;
}
