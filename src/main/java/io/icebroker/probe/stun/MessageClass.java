package io.icebroker.probe.stun;

/**
 * The class of a STUN message (RFC 8489 section 5), encoded in bits C0 and C1 of its
 * type.
 */
public enum MessageClass {

	REQUEST(0b00), INDICATION(0b01), SUCCESS_RESPONSE(0b10), ERROR_RESPONSE(0b11);

	private final int bits;

	MessageClass(int bits) {
		this.bits = bits;
	}

	int bits() {
		return this.bits;
	}

	static MessageClass of(int bits) {
		for (MessageClass candidate : values()) {
			if (candidate.bits == bits) {
				return candidate;
			}
		}
		throw new IllegalArgumentException("Not a message class: " + bits);
	}

}
