package com.mustbeviral.content.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The queue of the vector index ({@code vector_jobs}, filled by V20's triggers in the transaction of
 * each content change) and the stored embeddings ({@code embeddings}, little-endian floats).
 */
@ApplicationScoped
public class VectorJobs {

    private final AgroalDataSource dataSource;

    VectorJobs(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A queued piece as it is now: {@code row} null when it no longer exists. */
    public record Job(long job, String contentId, Row row) {
    }

    /** What the index needs of a piece, and its stored embedding when there is one. */
    public record Row(String authorId, String type, String title, String body, boolean visibleToAll, boolean deleted,
            String embeddedSha256, float[] vector) {
    }

    /** A computed embedding to store. */
    public record Embedding(String contentId, String sha256, float[] vector) {
    }

    /** The next queued jobs after job number {@code after}, oldest first. */
    public List<Job> next(long after, int limit, int maxAttempts) throws SQLException {
        String sql = "SELECT j.job, j.content_id, c.author_id, c.type, c.title, c.body, "
                + "(c.status = 'published' AND c.visibility = 'public'), c.deleted_at IS NOT NULL, e.text_sha256, e.vector "
                + "FROM vector_jobs j LEFT JOIN content c ON c.id = j.content_id LEFT JOIN embeddings e ON e.content_id = j.content_id "
                + "WHERE j.job > ? AND j.attempts < ? ORDER BY j.job LIMIT ?";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, after);
            ps.setInt(2, maxAttempts);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Job> jobs = new ArrayList<>();
                while (rs.next()) {
                    Row row = rs.getString(3) == null ? null
                            : new Row(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getBoolean(7),
                                    rs.getBoolean(8), rs.getString(9), vector(rs.getBytes(10)));
                    jobs.add(new Job(rs.getLong(1), rs.getString(2), row));
                }
                return jobs;
            }
        }
    }

    /** Stores the embeddings (upserts), all in one transaction. */
    public void saveEmbeddings(List<Embedding> embeddings, long now) throws SQLException {
        if (embeddings.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO embeddings (content_id, model, dimensions, vector, updated_at, text_sha256) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (content_id) DO UPDATE SET model = excluded.model, dimensions = excluded.dimensions, "
                + "vector = excluded.vector, updated_at = excluded.updated_at, text_sha256 = excluded.text_sha256";
        try (Connection conn = dataSource.getConnection()) {
            boolean autoCommit = conn.getAutoCommit();
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (Embedding e : embeddings) {
                    ps.setString(1, e.contentId());
                    ps.setString(2, Embedder.MODEL);
                    ps.setInt(3, e.vector().length);
                    ps.setBytes(4, bytes(e.vector()));
                    ps.setLong(5, now);
                    ps.setString(6, e.sha256());
                    ps.addBatch();
                }
                ps.executeBatch();
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(autoCommit);
            }
        }
    }

    /** Done with these jobs; a piece re-queued since has a new job number and stays queued. */
    public void done(List<Long> jobs) throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("DELETE FROM vector_jobs WHERE job = ?")) {
            for (long job : jobs) {
                ps.setLong(1, job);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public void failed(long job) throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("UPDATE vector_jobs SET attempts = attempts + 1 WHERE job = ?")) {
            ps.setLong(1, job);
            ps.executeUpdate();
        }
    }

    public int queued() throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM vector_jobs");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Every stored embedding of a piece that is not deleted, with what the index needs: for a rebuild. */
    public void eachEmbedded(Consumer<VectorIndex.Entry> sink) throws SQLException {
        String sql = "SELECT c.id, e.vector, (c.status = 'published' AND c.visibility = 'public'), c.author_id, c.type "
                + "FROM embeddings e JOIN content c ON c.id = e.content_id WHERE c.deleted_at IS NULL";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(new VectorIndex.Entry(rs.getString(1), vector(rs.getBytes(2)), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5)));
            }
        }
    }

    /** The stored embedding of one piece, if any. */
    public float[] embeddingOf(String contentId) throws SQLException {
        try (Connection conn = dataSource.getConnection();
                PreparedStatement ps = conn.prepareStatement("SELECT vector FROM embeddings WHERE content_id = ?")) {
            ps.setString(1, contentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? vector(rs.getBytes(1)) : null;
            }
        }
    }

    /** The embeddings of these pieces (those embedded and not deleted), in no particular order. */
    public List<float[]> embeddingsOfPieces(List<String> contentIds) throws SQLException {
        List<float[]> vectors = new ArrayList<>();
        if (contentIds.isEmpty()) {
            return vectors;
        }
        String sql = "SELECT e.vector FROM embeddings e JOIN content c ON c.id = e.content_id WHERE e.content_id IN ("
                + "?,".repeat(contentIds.size() - 1) + "?) AND c.deleted_at IS NULL";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < contentIds.size(); i++) {
                ps.setString(i + 1, contentIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    vectors.add(vector(rs.getBytes(1)));
                }
            }
        }
        return vectors;
    }

    /** The embeddings of an author's latest pieces: published public ones only, or any not deleted. */
    public List<float[]> embeddingsOf(String authorId, int limit, boolean publicOnly) throws SQLException {
        String sql = "SELECT e.vector FROM embeddings e JOIN content c ON c.id = e.content_id WHERE c.author_id = ? "
                + (publicOnly ? "AND c.status = 'published' AND c.visibility = 'public' " : "")
                + "AND c.deleted_at IS NULL ORDER BY c.updated_at DESC LIMIT ?";
        try (Connection conn = dataSource.getConnection(); PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setString(1, authorId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<float[]> vectors = new ArrayList<>();
                while (rs.next()) {
                    vectors.add(vector(rs.getBytes(1)));
                }
                return vectors;
            }
        }
    }

    static byte[] bytes(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return buf.array();
    }

    static float[] vector(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
