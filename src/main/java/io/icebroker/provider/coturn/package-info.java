/**
 * Self-hosted TURN (coturn, eturnal, STUNner) with the TURN REST API shared secret:
 * per-user credentials computed in process, with no network call.
 */
@NullMarked
package io.icebroker.provider.coturn;

import org.jspecify.annotations.NullMarked;
