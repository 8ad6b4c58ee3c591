package io.icebroker.ops.status;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The state of the circuit breaker in front of a provider, as {@code /actuator/turn}
 * shows it.
 */
public enum CircuitState {

	/** No circuit breaker guards the provider. */
	NONE("none"),

	/** Calls go through. */
	CLOSED("closed"),

	/** Calls are refused without contacting the provider. */
	OPEN("open"),

	/** A few trial calls go through to see whether the provider recovered. */
	HALF_OPEN("half_open");

	private final String id;

	CircuitState(String id) {
		this.id = id;
	}

	/**
	 * The state as operators read it.
	 * @return e.g. {@code half_open}
	 */
	@JsonValue
	public String id() {
		return this.id;
	}

}
