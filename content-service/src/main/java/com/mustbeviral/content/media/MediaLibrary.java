package com.mustbeviral.content.media;

import com.mustbeviral.platform.problem.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.UUID;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Uploads and deletions of media. The type is read from the bytes; the size is checked against the
 * owner's plan; the object is stored before its row, and removed again when the row cannot be
 * saved, so a failed upload leaves nothing behind.
 */
@ApplicationScoped
public class MediaLibrary {

    private final MediaRepository repository;
    private final MediaStore store;
    private final MediaSettings settings;
    private final Clock clock;

    MediaLibrary(MediaRepository repository, MediaStore store, MediaSettings settings, Clock clock) {
        this.repository = repository;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** Stores an uploaded file; {@code declaredType} is the part's Content-Type (null or octet-stream: none declared). */
    public MediaAsset upload(String ownerId, Path file, String declaredType) throws IOException, SQLException {
        long size = Files.size(file);
        long limit = limitOf(ownerId);
        if (size > limit) {
            throw new Refusal(MediaRefusal.TOO_LARGE, "This upload is larger than your plan allows.")
                    .with("max_bytes", limit).with("size_bytes", size);
        }
        MediaKind kind = MediaKind.sniff(head(file));
        if (kind == null) {
            throw new Refusal(MediaRefusal.UNSUPPORTED_MEDIA, "Only JPEG, PNG, GIF, WebP images and MP4, WebM videos are accepted.");
        }
        if (declaredType != null && !declaredType.isBlank() && !declaredType.startsWith("application/octet-stream")
                && !declaredType.toLowerCase().startsWith(kind.mediaType)) {
            throw new Refusal(MediaRefusal.UNSUPPORTED_MEDIA, "The file is labelled " + declaredType + " but is " + kind.mediaType + ".")
                    .with("detected_type", kind.mediaType);
        }
        int[] dimensions = kind.image ? dimensions(file, kind) : null;
        String id = UUID.randomUUID().toString();
        String key = "media/" + ownerId + "/" + id + "/original";
        MediaAsset asset = new MediaAsset(id, ownerId, null, key, kind.mediaType, kind.image ? "image" : "video", size,
                sha256(file), dimensions == null ? null : dimensions[0], dimensions == null ? null : dimensions[1], clock.millis());
        store.put(key, file, kind.mediaType);
        try {
            repository.insert(asset);
        } catch (SQLException | RuntimeException e) {
            store.delete(key);
            throw e;
        }
        return asset;
    }

    /** The asset if the caller may read it: its owner, or anyone when its piece is readable by all. */
    public MediaAsset readable(String id, String callerId) throws SQLException {
        MediaAsset asset = repository.find(id).orElseThrow(MediaLibrary::notFound);
        boolean mine = asset.ownerId().equals(callerId);
        if (!mine && (asset.contentId() == null || !repository.publiclyVisible(asset.contentId()))) {
            throw notFound();
        }
        return asset;
    }

    /** Deletes the caller's asset (its objects are collected by the worker); another user's is 404. */
    public void delete(String id, String callerId, boolean admin) throws SQLException {
        MediaAsset asset = repository.find(id).orElseThrow(MediaLibrary::notFound);
        if (!admin && !asset.ownerId().equals(callerId)) {
            throw notFound();
        }
        repository.delete(id);
    }

    public InputStream read(String key, long offset, long length) throws IOException {
        return store.read(key, offset, length);
    }

    private long limitOf(String ownerId) throws SQLException {
        String plan = repository.planOf(ownerId);
        Long limit = settings.maxBytes().get(plan == null ? "free" : plan);
        return limit == null ? settings.defaultMaxBytes() : limit;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        }
    }

    /** Width and height from the image header; an image the decoder cannot read is refused. */
    private static int[] dimensions(Path file, MediaKind kind) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null; // WebP: no decoder in the JDK; stored without dimensions or variants
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] { reader.getWidth(0), reader.getHeight(0) };
            } catch (IOException | RuntimeException e) {
                throw new Refusal(MediaRefusal.UNSUPPORTED_MEDIA, "The " + kind.mediaType + " file cannot be read.");
            } finally {
                reader.dispose();
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Refusal notFound() {
        return new Refusal(MediaRefusal.NOT_FOUND, "No such media.");
    }
}
