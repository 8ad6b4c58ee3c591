/**
 * Cloudflare Realtime TURN: short-lived credentials from the {@code generate-ice-servers}
 * API.
 */
@NullMarked
package io.icebroker.provider.cloudflare;

import org.jspecify.annotations.NullMarked;
