package io.icebroker.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import io.icebroker.misconfiguration.MisconfigurationException;

/**
 * The accepted API keys, held as SHA-256 digests. A presented key is digested and
 * compared with every accepted digest in constant time, so neither the time taken nor an
 * early exit tells an attacker how much of a key, or which key, was right. No message
 * about a misconfigured key contains it.
 */
final class ApiKeys {

	/**
	 * Shorter keys can be guessed within the rate limit's lifetime budget.
	 */
	static final int MIN_LENGTH = 16;

	/**
	 * Operators' keys allow write operations and read every metric: longer.
	 */
	static final int MIN_ADMIN_LENGTH = 32;

	// Cloned: looking SHA-256 up among the security providers costs more than digesting.
	private static final MessageDigest SHA_256 = newSha256();

	private final List<byte[]> digests;

	private ApiKeys(List<byte[]> digests) {
		this.digests = digests;
	}

	static ApiKeys of(List<String> keys) {
		if (keys.isEmpty()) {
			throw new MisconfigurationException("TURN_API_KEYS", "is empty but TURN_AUTH_MODE is api-key",
					"Set TURN_API_KEYS to one or more comma-separated keys of at least " + MIN_LENGTH
							+ " characters, for example from `openssl rand -hex 32`, or set TURN_AUTH_MODE to none or jwt.");
		}
		return digested(keys, "TURN_API_KEYS", MIN_LENGTH, List.of());
	}

	/**
	 * None, or each long and none of them a client key, since client keys ship in page
	 * source and app bundles.
	 */
	static ApiKeys admin(List<String> keys, List<String> clientKeys) {
		return digested(keys, "TURN_ADMIN_KEYS", MIN_ADMIN_LENGTH, clientKeys);
	}

	private static ApiKeys digested(List<String> keys, String variable, int minLength, List<String> clientKeys) {
		List<byte[]> digests = new ArrayList<>();
		for (int index = 0; index < keys.size(); index++) {
			String key = keys.get(index);
			if (key.length() < minLength) {
				throw new MisconfigurationException(variable,
						"key number " + (index + 1) + " is shorter than " + minLength + " characters",
						"Replace it with a long random key, for example from `openssl rand -hex 32`."
								+ " Keys are never shown: count the commas to find it.");
			}
			if (clientKeys.contains(key)) {
				throw new MisconfigurationException(variable, "key number " + (index + 1) + " is also in TURN_API_KEYS",
						"Give operators keys of their own, for example from `openssl rand -hex 32`: client keys ship"
								+ " in page source and apps, and must not allow write operations.");
			}
			digests.add(digest(key));
		}
		return new ApiKeys(List.copyOf(digests));
	}

	int size() {
		return this.digests.size();
	}

	boolean matches(String presented) {
		byte[] digest = digest(presented);
		boolean matched = false;
		for (byte[] accepted : this.digests) {
			matched |= MessageDigest.isEqual(accepted, digest);
		}
		return matched;
	}

	private static byte[] digest(String key) {
		return sha256().digest(key.getBytes(StandardCharsets.UTF_8));
	}

	private static MessageDigest sha256() {
		try {
			return (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			return newSha256();
		}
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
