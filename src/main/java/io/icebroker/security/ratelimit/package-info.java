/**
 * How often: per user and per client address token buckets, and which address a request
 * comes from when a trusted proxy forwards it.
 */
@NullMarked
package io.icebroker.security.ratelimit;

import org.jspecify.annotations.NullMarked;
