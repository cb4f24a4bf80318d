/** SQLite writing shared by every repository: writers take turns, group commit of the write-ahead log. */
package com.mustbeviral.auth.persistence;
