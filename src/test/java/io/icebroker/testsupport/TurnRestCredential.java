package io.icebroker.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TURN REST API credential as coturn checks it: username {@code <expiry>:<user>},
 * password {@code base64(HMAC-SHA1(secret, username))}.
 *
 * @param username the username
 * @param password the password
 */
public record TurnRestCredential(String username, String password) {

	/**
	 * A credential that expires at the given instant.
	 * @param secret the shared secret
	 * @param user the user part of the username
	 * @param expiry when it stops working
	 * @return the credential
	 */
	public static TurnRestCredential expiringAt(String secret, String user, Instant expiry) {
		String username = expiry.getEpochSecond() + ":" + user;
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return new TurnRestCredential(username,
					Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8))));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A credential valid for the given time from now.
	 * @param secret the shared secret
	 * @param user the user part of the username
	 * @param validity how long it works
	 * @return the credential
	 */
	public static TurnRestCredential validFor(String secret, String user, Duration validity) {
		return expiringAt(secret, user, Instant.now().plus(validity));
	}

	@Override
	public String toString() {
		return "TurnRestCredential[username=" + this.username + ", password=***]";
	}

}
