/**
 * Metered TURN: the app's ICE servers from {@code GET /api/v1/turn/credentials}, whose
 * API key travels in the query string and so is kept out of every log line.
 */
@NullMarked
package io.icebroker.provider.metered;

import org.jspecify.annotations.NullMarked;
