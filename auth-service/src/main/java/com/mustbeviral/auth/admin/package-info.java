/** User administration: search with cursors (reads ProfileRepository's columns) and role changes. */
package com.mustbeviral.auth.admin;
