package io.icebroker.probe.stun;

/**
 * Bytes that are not a valid STUN message. Its message names the defect, never a value.
 */
public class MalformedMessageException extends Exception {

	public MalformedMessageException(String message) {
		super(message);
	}

}
