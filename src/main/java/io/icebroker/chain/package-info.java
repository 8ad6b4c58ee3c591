/**
 * The provider chain: asks providers in the configured order, logs every step and
 * sanitizes what serves.
 */
@NullMarked
package io.icebroker.chain;

import org.jspecify.annotations.NullMarked;
