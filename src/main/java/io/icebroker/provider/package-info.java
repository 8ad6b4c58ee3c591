/**
 * The one extension point: an {@link io.icebroker.provider.IceServerProvider} either
 * serves ICE servers or falls through to the next provider with a reason.
 */
@NullMarked
package io.icebroker.provider;

import org.jspecify.annotations.NullMarked;
