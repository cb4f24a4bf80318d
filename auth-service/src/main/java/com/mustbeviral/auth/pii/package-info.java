/** Personal data at rest: encrypted columns, keys and their rotation, the keyed email index (the Java migration V6 stays in the migration package, a Flyway location). */
package com.mustbeviral.auth.pii;
