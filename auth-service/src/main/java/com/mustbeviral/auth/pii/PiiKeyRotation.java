package com.mustbeviral.auth.pii;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * After a key rotation, re-encrypts under the current key what older keys encrypted, so that they
 * can be retired. Runs at every start (a no-op once nothing is left), a batch per transaction so
 * that logins are not held behind one long write.
 */
@ApplicationScoped
public class PiiKeyRotation {

    private static final Logger LOG = Logger.getLogger(PiiKeyRotation.class);
    private static final int BATCH = 200;

    private final EncryptedColumns columns;
    private final PiiCipher cipher;

    PiiKeyRotation(EncryptedColumns columns, PiiCipher cipher) {
        this.columns = columns;
        this.cipher = cipher;
    }

    void onStart(@Observes StartupEvent event) throws SQLException {
        reencryptAll();
    }

    /** Re-encrypts every value under an older key; returns how many. Values that do not decrypt are left, and logged. */
    public int reencryptAll() throws SQLException {
        int total = 0;
        for (PiiColumn column : PiiColumn.values()) {
            int count = 0;
            String after = "";
            List<EncryptedColumns.Stored> batch;
            do {
                batch = columns.notStartingWith(column, cipher.currentKeyPrefix(), after, BATCH);
                count += reencrypt(column, batch);
                if (!batch.isEmpty()) {
                    after = batch.get(batch.size() - 1).rowKey();
                }
            } while (batch.size() == BATCH);
            if (count > 0) {
                LOG.infof("Re-encrypted %d values of %s under the current key", count, column.qualifiedName());
            }
            total += count;
        }
        return total;
    }

    @Transactional(rollbackOn = Exception.class)
    int reencrypt(PiiColumn column, List<EncryptedColumns.Stored> batch) throws SQLException {
        int done = 0;
        for (EncryptedColumns.Stored stored : batch) {
            String plain;
            try {
                plain = cipher.decrypt(stored.value(), column, stored.rowKey());
            } catch (PiiDecryptionException e) {
                // Not ours to repair or to stop the service for; the requests reading it fail loudly.
                LOG.warnf("Not re-encrypted: %s", e.getMessage());
                continue;
            }
            if (columns.replace(column, stored, cipher.encrypt(plain, column, stored.rowKey()))) {
                done++;
            }
        }
        return done;
    }
}
