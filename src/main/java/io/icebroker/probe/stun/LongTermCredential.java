package io.icebroker.probe.stun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A TURN username and password (RFC 8489 section 9.2), such as the TURN REST API's
 * {@code <expiry>:<user>} and {@code base64(HMAC-SHA1(secret, username))}.
 * <p>
 * The password is used as given: every TURN service's generated passwords are ASCII, for
 * which the OpaqueString profile changes nothing.
 */
public record LongTermCredential(String username, String password) {

	/**
	 * The long-term key: {@code MD5(username ":" realm ":" password)} (RFC 8489 section
	 * 9.2.2).
	 */
	public byte[] key(String realm) {
		try {
			return MessageDigest.getInstance("MD5")
				.digest((this.username + ":" + realm + ":" + this.password).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "LongTermCredential[username=***, password=***]";
	}

}
