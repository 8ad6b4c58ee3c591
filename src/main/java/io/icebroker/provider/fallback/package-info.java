/**
 * The free fallback: public STUN, plus an optional operator-supplied TURN entry. It
 * always serves.
 */
@NullMarked
package io.icebroker.provider.fallback;

import org.jspecify.annotations.NullMarked;
