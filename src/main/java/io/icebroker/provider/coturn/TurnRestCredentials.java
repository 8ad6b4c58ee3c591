package io.icebroker.provider.coturn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-limited TURN credentials as the TURN REST API defines them
 * (draft-uberti-behave-turn-rest) and coturn checks them with {@code use-auth-secret}:
 * the username is {@code "<expiry-unix-seconds>:<userId>"} and the credential is
 * {@code base64(HMAC-SHA1(secret, username))}. The server recomputes the credential from
 * the username, so nothing is stored and no call is made.
 */
final class TurnRestCredentials {

	private static final String ALGORITHM = "HmacSHA1";

	private TurnRestCredentials() {
	}

	/**
	 * Credentials for one user.
	 * @param secret the shared secret
	 * @param userId who the credentials are for; TURN servers read the expiry up to the
	 * first colon, so the id may contain colons
	 * @param expiresAt when they stop working, truncated to whole seconds
	 * @return the username and credential
	 */
	static Credentials issue(String secret, String userId, Instant expiresAt) {
		String username = expiresAt.getEpochSecond() + ":" + userId;
		return new Credentials(username, sign(secret, username));
	}

	/**
	 * The credential for a username.
	 * @param secret the shared secret
	 * @param username the TURN username
	 * @return {@code base64(HMAC-SHA1(secret, username))}
	 */
	static String sign(String secret, String username) {
		try {
			// A Mac is not thread-safe; a new one per call costs microseconds.
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			// Every Java runtime ships HmacSHA1.
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
	}

	/**
	 * A TURN username and credential.
	 *
	 * @param username {@code "<expiry-unix-seconds>:<userId>"}
	 * @param credential the HMAC of the username
	 */
	record Credentials(String username, String credential) {

		@Override
		public String toString() {
			return "Credentials[username=" + this.username + ", credential=***]";
		}

	}

}
