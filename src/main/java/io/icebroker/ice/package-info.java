/**
 * ICE server entries as clients receive them, and the one sanitizer every provider's
 * output passes through.
 */
@NullMarked
package io.icebroker.ice;

import org.jspecify.annotations.NullMarked;
