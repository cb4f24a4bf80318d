/** A person's consents by purpose and their history. */
package com.mustbeviral.auth.consent;
