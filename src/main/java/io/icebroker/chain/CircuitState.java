package io.icebroker.chain;

/**
 * The cool-down state of a provider's upstream calls.
 */
public enum CircuitState {

	/** Calls go through. */
	CLOSED("closed"),

	/**
	 * The provider failed or timed out recently: it is skipped until the cool-down ends.
	 */
	OPEN("open"),

	/** The cool-down ended: one trial call is let through, other requests skip it. */
	HALF_OPEN("half_open"),

	/**
	 * No cool-down applies: {@code TURN_CIRCUIT_COOLDOWN=0}, or a provider the chain does
	 * not guard, such as the free fallback.
	 */
	DISABLED("disabled");

	private final String id;

	CircuitState(String id) {
		this.id = id;
	}

	/**
	 * The state as the status endpoint shows it.
	 * @return e.g. {@code half_open}
	 */
	public String id() {
		return this.id;
	}

}
