package io.icebroker.probe.stun;

/**
 * The class of a STUN message (RFC 8489 section 5), encoded in bits C0 and C1 of its
 * type.
 */
public enum MessageClass {

	// In the order of their bits: 0b00, 0b01, 0b10, 0b11.
	REQUEST, INDICATION, SUCCESS_RESPONSE, ERROR_RESPONSE;

	int bits() {
		return ordinal();
	}

	static MessageClass of(int bits) {
		return values()[bits];
	}

}
