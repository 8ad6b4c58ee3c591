/**
 * Twilio Network Traversal Service: credentials from the {@code Tokens} resource via
 * twilio-java.
 */
@NullMarked
package io.icebroker.provider.twilio;

import org.jspecify.annotations.NullMarked;
