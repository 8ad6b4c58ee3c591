/**
 * How often: token buckets per client address, and per verified (JWT) user.
 */
@NullMarked
package io.icebroker.security.ratelimit;

import org.jspecify.annotations.NullMarked;
