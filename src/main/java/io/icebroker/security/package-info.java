/**
 * Who may take credentials: the authentication modes, which paths they guard, and the
 * security filter chain that also carries rate limiting, CORS and response headers.
 */
@NullMarked
package io.icebroker.security;

import org.jspecify.annotations.NullMarked;
