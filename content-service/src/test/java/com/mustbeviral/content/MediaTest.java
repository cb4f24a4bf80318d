package com.mustbeviral.content;

import static com.mustbeviral.testsupport.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mustbeviral.content.media.MediaWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Media uploads on the local store: type from the bytes, plan limits, checksum, dimensions, serving, variants, deletion. */
@QuarkusTest
class MediaTest {

    @Inject
    MediaWorker worker;

    @ConfigProperty(name = "content.media.local-dir")
    String mediaDir;

    private static byte[] png(int w, int h) throws Exception {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, w / 2, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String upload(Authors who, byte[] bytes, String type) {
        return who.as().multiPart("file", "picture.png", bytes, type).post("/api/media").then().statusCode(201)
                .extract().path("id");
    }

    private long storedObjects() throws Exception {
        Path root = Path.of(mediaDir);
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void anImageIsStoredWithItsChecksumAndSizeAndServedWithEtagAndRanges() throws Exception {
        Authors author = Authors.creator();
        byte[] bytes = png(1600, 900);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String id = author.as().multiPart("file", "holiday.png", bytes, "image/png").post("/api/media").then().statusCode(201)
                .body("media_type", equalTo("image/png")).body("sha256", equalTo(sha)).body("width", equalTo(1600))
                .body("height", equalTo(900)).body("size_bytes", equalTo(bytes.length)).extract().path("id");
        byte[] served = author.as().get("/api/media/" + id).then().statusCode(200).header("ETag", "\"" + sha + "\"")
                .header("Content-Type", "image/png").header("Accept-Ranges", "bytes").extract().asByteArray();
        assertArrayEquals(bytes, served);
        author.as().header("If-None-Match", "\"" + sha + "\"").get("/api/media/" + id).then().statusCode(304);
        byte[] part = author.as().header("Range", "bytes=10-19").get("/api/media/" + id).then().statusCode(206)
                .header("Content-Range", "bytes 10-19/" + bytes.length).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(bytes, 10, 20), part);
        assertProblem(author.as().header("Range", "bytes=" + bytes.length + "-").get("/api/media/" + id).then(), 416);

        worker.drain();
        author.as().get("/api/media/" + id + "/meta").then().statusCode(200).body("variants", hasSize(2))
                .body("variants.find { it.name == 'thumbnail' }.width", equalTo(320))
                .body("variants.find { it.name == 'web' }.height", equalTo(720));
        byte[] thumb = author.as().get("/api/media/" + id + "/variants/thumbnail").then().statusCode(200).extract().asByteArray();
        assertEquals(320, ImageIO.read(new java.io.ByteArrayInputStream(thumb)).getWidth());
    }

    @Test
    void privateMediaIsItsOwnersAndPublicOnceItsPieceIsPublished() throws Exception {
        Authors author = Authors.creator();
        Authors other = Authors.creator();
        String id = upload(author, png(40, 30), "image/png");
        assertProblem(other.as().get("/api/media/" + id).then(), 404);
        assertProblem(given().get("/api/media/" + id).then(), 404);
        assertProblem(other.as().delete("/api/media/" + id).then(), 404);
        String piece = author.as().contentType(ContentType.JSON).body("{\"type\":\"social_post\",\"visibility\":\"public\","
                + "\"format\":\"image\",\"media_ids\":[\"" + id + "\"],\"title\":\"A picture\",\"body\":\"A body long enough to pass.\"}")
                .post("/api/content").then().statusCode(201).extract().path("id");
        author.as().post("/api/content/" + piece + "/publish").then().statusCode(200);
        given().get("/api/media/" + id).then().statusCode(200).header("Cache-Control", "public, max-age=31536000, immutable");
    }

    @Test
    void deletingMediaOrItsPieceRemovesItsObjects() throws Exception {
        Authors author = Authors.creator();
        String alone = upload(author, png(50, 50), "image/png");
        worker.drain();
        long before = storedObjects();
        author.as().delete("/api/media/" + alone).then().statusCode(204);
        assertProblem(author.as().get("/api/media/" + alone).then(), 404);
        worker.drain();
        assertEquals(before - 3, storedObjects(), "the original and both variants are removed");

        String attached = upload(author, png(50, 50), "image/png");
        String piece = author.as().contentType(ContentType.JSON).body("{\"type\":\"social_post\",\"visibility\":\"public\","
                + "\"format\":\"image\",\"media_ids\":[\"" + attached + "\"],\"title\":\"Gone soon\",\"body\":\"A body long enough to pass.\"}")
                .post("/api/content").then().statusCode(201).extract().path("id");
        author.as().header("If-Match", "\"1\"").delete("/api/content/" + piece).then().statusCode(204);
        assertProblem(author.as().get("/api/media/" + attached).then(), 404);
    }

    @Test
    void mislabelledUnknownAndOversizedUploadsAreRefusedAndLeaveNothing() throws Exception {
        Authors author = Authors.creator();
        long before = storedObjects();
        String type = "https://mustbeviral.com/problems/";
        assertProblem(author.as().multiPart("file", "photo.jpg", png(10, 10), "image/jpeg").post("/api/media").then(), 415)
                .body("type", equalTo(type + "unsupported-media")).body("detected_type", equalTo("image/png"));
        assertProblem(author.as().multiPart("file", "image.png", "just text, not an image".getBytes(), "image/png")
                .post("/api/media").then(), 415);
        byte[] corrupt = Arrays.copyOf(png(10, 10), 20);
        assertProblem(author.as().multiPart("file", "broken.png", corrupt, "image/png").post("/api/media").then(), 415);
        byte[] big = new byte[5 * 1024 * 1024 + 1];
        new Random(1).nextBytes(big);
        System.arraycopy(png(10, 10), 0, big, 0, 16);
        assertProblem(author.as().multiPart("file", "big.png", big, "image/png").post("/api/media").then(), 413)
                .body("type", equalTo(type + "media-too-large")).body("max_bytes", equalTo(5242880));
        assertProblem(given().multiPart("file", "x.png", png(10, 10), "image/png").post("/api/media").then(), 401);
        assertProblem(author.as().get("/api/media/not-a-uuid").then(), 400);
        assertEquals(before, storedObjects());
        // Elsewhere the body limit stays at 1 MiB.
        assertProblem(author.as().contentType(ContentType.JSON).body("x".repeat(2 * 1024 * 1024)).post("/api/content").then(), 413);
    }
}
