/** The refresh-token rotation rule shared by user sessions and partner grants, so that neither owns the other's rule. */
package com.mustbeviral.auth.refresh;
