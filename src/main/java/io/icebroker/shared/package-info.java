/**
 * State that several replicas share through Redis when {@code REDIS_URL} is set: the rate
 * limit buckets. Every Redis call is bounded; while Redis is unreachable each replica
 * runs on its own in-process state.
 */
@NullMarked
package io.icebroker.shared;

import org.jspecify.annotations.NullMarked;
