/** What every REST layer shares: the caller, If-Match, strict JSON and AuthProblems, the service's one problem catalogue. */
package com.mustbeviral.auth.web;
