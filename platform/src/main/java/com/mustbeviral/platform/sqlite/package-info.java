/**
 * SQLite writing, the same in every service with a database: writers take turns in a fair queue
 * ({@link com.mustbeviral.platform.sqlite.WriterQueue}, bound to {@code @Transactional}), and commits
 * made while an fsync runs share the next one ({@link com.mustbeviral.platform.sqlite.GroupCommit}), so
 * each service's JDBC URL says {@code synchronous=NORMAL} and nothing is answered, acknowledged or
 * published before its commit is on disk. Small writes that come many at once share one transaction on
 * one writer thread ({@link com.mustbeviral.platform.sqlite.SharedTransactions}), and the hot paths'
 * statements are prepared once per connection ({@link com.mustbeviral.platform.sqlite.StatementCache}).
 * A service without a database (the gateway) excludes the package.
 */
package com.mustbeviral.platform.sqlite;
