/**
 * A small STUN (RFC 8489) and TURN (RFC 8656) client: Binding, and Allocate with
 * long-term credentials followed by a releasing Refresh, over UDP, TCP and TLS, with
 * every wait bounded.
 */
@NullMarked
package io.icebroker.probe.stun;

import org.jspecify.annotations.NullMarked;
