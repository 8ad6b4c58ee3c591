package io.icebroker.provider;

import java.time.Duration;

/**
 * One request for ICE servers, as a provider sees it.
 *
 * @param userId the validated user id the credentials are for
 * @param ttl the credential lifetime to ask for; providers clamp it to their own maximum
 */
public record CredentialRequest(String userId, Duration ttl) {

}
