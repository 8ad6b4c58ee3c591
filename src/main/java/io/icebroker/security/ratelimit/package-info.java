/**
 * How often: per user and per client address token buckets.
 */
@NullMarked
package io.icebroker.security.ratelimit;

import org.jspecify.annotations.NullMarked;
