package io.icebroker.provider;

/**
 * Why a provider fell through. Each maps onto one {@code outcome} tag of
 * {@code turn_provider_attempts_total}.
 */
public enum FallThroughReason {

	/** A required variable is blank; the provider was not called. */
	NOT_CONFIGURED("not_configured", "not_configured"),

	/** The provider answered with an error, or with something that could not be read. */
	ERROR("error", "error"),

	/** The provider did not answer in time. */
	TIMEOUT("timeout", "timeout"),

	/** The provider answered, but no usable ICE server survived sanitizing. */
	EMPTY("empty", "error"),

	/**
	 * The provider failed or timed out recently and is cooling down; it was not called.
	 */
	CIRCUIT_OPEN("circuit_open", "circuit_open");

	private final String id;

	private final String outcome;

	FallThroughReason(String id, String outcome) {
		this.id = id;
		this.outcome = outcome;
	}

	/**
	 * The reason as operators read it.
	 * @return e.g. {@code not_configured}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The {@code outcome} tag value of {@code turn_provider_attempts_total}.
	 * @return e.g. {@code error}
	 */
	public String outcome() {
		return this.outcome;
	}

}
