package io.icebroker.shared;

/**
 * Shared state cannot be used right now: the caller goes on with its local state.
 */
public class SharedStateUnavailableException extends Exception {

	SharedStateUnavailableException(String message) {
		super(message, null, false, false);
	}

}
