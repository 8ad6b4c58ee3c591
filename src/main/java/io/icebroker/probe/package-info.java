/**
 * The TURN probe: proves that the ICE servers and credentials the chain serves really
 * allocate a relay, on demand ({@code /actuator/turnprobe}), on a schedule and from the
 * command line ({@code --probe}).
 */
@NullMarked
package io.icebroker.probe;

import org.jspecify.annotations.NullMarked;
