/**
 * IceBroker: hands WebRTC clients their ICE servers from an ordered chain of TURN
 * providers.
 */
@NullMarked
package io.icebroker;

import org.jspecify.annotations.NullMarked;
