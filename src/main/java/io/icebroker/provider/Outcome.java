package io.icebroker.provider;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What came of asking one provider: the one vocabulary of the chain's logs, the
 * {@code outcome} tag of {@code turn_provider_attempts_total}, {@code /actuator/turn} and
 * the probe. Each value's {@link #tag() tag} is its documented name.
 */
public enum Outcome {

	/** The provider minted credentials, or computed them in process, for this request. */
	SUCCESS,

	/** Credentials minted earlier were handed out again. */
	CACHED,

	/**
	 * The provider answered with an error, with something that could not be read, or with
	 * no usable ICE server.
	 */
	ERROR,

	/** The provider did not answer in time. */
	TIMEOUT,

	/** A required variable is blank; the provider was not called. */
	NOT_CONFIGURED,

	/**
	 * The provider failed or timed out recently and is cooling down; it was not called.
	 */
	CIRCUIT_OPEN,

	/**
	 * Providers before this one used up the chain deadline; it was not called.
	 */
	NOT_TRIED;

	private final String tag = name().toLowerCase(Locale.ROOT);

	/**
	 * The outcome as metrics, logs and the status endpoint write it.
	 * @return e.g. {@code not_configured}
	 */
	@JsonValue
	public String tag() {
		return this.tag;
	}

	/**
	 * Whether the provider served.
	 * @return {@code true} for {@link #SUCCESS} and {@link #CACHED}
	 */
	public boolean served() {
		return this == SUCCESS || this == CACHED;
	}

	/**
	 * Whether the provider itself failed, as opposed to being passed over by a decision
	 * (not configured, cooling down, not reached before the deadline).
	 * @return {@code true} for {@link #ERROR} and {@link #TIMEOUT}
	 */
	public boolean failed() {
		return this == ERROR || this == TIMEOUT;
	}

}
