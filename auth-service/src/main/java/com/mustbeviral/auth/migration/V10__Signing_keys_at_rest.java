package com.mustbeviral.auth.migration;

import com.mustbeviral.auth.config.AuthConfig;
import com.mustbeviral.auth.token.SigningKeyCipher;
import io.smallrye.config.SmallRyeConfig;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The private halves of the token signing keys sealed under the key-encryption key ({@code auth.kek})
 * instead of PKCS#8 base64 in clear. A Java migration, like V6: the keys already stored are sealed in
 * the same transaction, so the new code never meets a clear key and no clear key stays behind in the
 * table. (SQLite may keep freed pages of the old values until a VACUUM; the file of a database that
 * ever held clear keys should be treated as holding them, and the keys rotated.)
 */
// "implements JavaMigration" again on purpose, see V6__Pii_at_rest.
public class V10__Signing_keys_at_rest extends BaseJavaMigration implements JavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        AuthConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(AuthConfig.class);
        SigningKeyCipher cipher = SigningKeyCipher.with(config.kek());
        Connection c = context.getConnection();
        Map<String, String> clear = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kid, private_key FROM signing_keys");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                clear.put(rs.getString(1), rs.getString(2));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE signing_keys SET private_key = ? WHERE kid = ?")) {
            for (Map.Entry<String, String> key : clear.entrySet()) {
                ps.setString(1, cipher.seal(Base64.getDecoder().decode(key.getValue()), key.getKey()));
                ps.setString(2, key.getKey());
                ps.executeUpdate();
            }
        }
    }
}
