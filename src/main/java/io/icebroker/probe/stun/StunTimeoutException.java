package io.icebroker.probe.stun;

import java.io.IOException;

/**
 * No answer came before the deadline.
 */
class StunTimeoutException extends IOException {

	StunTimeoutException() {
		super("No answer before the deadline");
	}

}
