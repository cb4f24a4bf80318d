package com.mustbeviral.content.media;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.jboss.logging.Logger;

/**
 * Off the request path: makes each new image's variants (a thumbnail and a web size, JPEG for
 * photos and PNG for the rest), and removes from the store the objects of deleted media.
 */
@ApplicationScoped
public class MediaWorker {

    private static final Logger LOG = Logger.getLogger(MediaWorker.class);

    private final MediaRepository repository;
    private final MediaStore store;
    private final MediaSettings settings;

    MediaWorker(MediaRepository repository, MediaStore store, MediaSettings settings) {
        this.repository = repository;
        this.store = store;
        this.settings = settings;
    }

    @Scheduled(every = "${content.media.worker-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() throws SQLException, IOException {
        drain();
    }

    /** Makes every queued image's variants and collects deleted media's objects. */
    public synchronized void drain() throws SQLException, IOException {
        for (String id : repository.queuedImages(100)) {
            try {
                makeVariants(id);
            } catch (IOException | RuntimeException e) {
                LOG.warnf(e, "Variants of media %s failed", id);
                repository.failed(id);
            }
        }
        for (String key : repository.garbage(500)) {
            store.delete(key);
            repository.collected(key);
        }
    }

    private void makeVariants(String id) throws SQLException, IOException {
        MediaAsset asset = repository.find(id).orElse(null);
        if (asset == null) {
            return; // deleted meanwhile: the cascade took the job
        }
        BufferedImage original;
        try (InputStream in = store.read(asset.storageKey(), 0, asset.sizeBytes())) {
            original = ImageIO.read(in);
        }
        List<MediaRepository.Variant> variants = new ArrayList<>();
        if (original != null) {
            boolean photo = "image/jpeg".equals(asset.mediaType());
            variants.add(variant(asset, original, "thumbnail", settings.thumbnailSize(), photo));
            variants.add(variant(asset, original, "web", settings.webSize(), photo));
        }
        repository.saveVariants(id, variants);
    }

    private MediaRepository.Variant variant(MediaAsset asset, BufferedImage original, String name, int longest, boolean photo)
            throws IOException {
        double scale = Math.min(1.0, (double) longest / Math.max(original.getWidth(), original.getHeight()));
        int w = Math.max(1, (int) Math.round(original.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(original.getHeight() * scale));
        BufferedImage scaled = new BufferedImage(w, h, photo ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(original, 0, 0, w, h, null);
        g.dispose();
        String format = photo ? "jpg" : "png";
        Path file = Files.createTempFile("variant", "." + format);
        try {
            ImageIO.write(scaled, format, file.toFile());
            String key = asset.storageKey().replaceAll("/original$", "/") + name;
            String type = photo ? "image/jpeg" : "image/png";
            store.put(key, file, type);
            return new MediaRepository.Variant(name, key, type, w, h, Files.size(file), MediaLibrary.sha256(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
