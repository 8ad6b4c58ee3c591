package io.icebroker.probe.stun;

import java.util.Locale;

/**
 * How the client reaches the server.
 */
public enum Transport {

	UDP, TCP, TLS;

	/**
	 * The name in reports and metric tags.
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
