package io.icebroker.probe.stun;

/**
 * The STUN and TURN methods this client speaks.
 */
public final class Method {

	/** RFC 8489 section 18.2. */
	public static final int BINDING = 0x001;

	/** RFC 8656 section 17. */
	public static final int ALLOCATE = 0x003;

	/** RFC 8656 section 17. */
	public static final int REFRESH = 0x004;

	private Method() {
	}

	/**
	 * The 14-bit message type: the 12 method bits interleaved with the two class bits
	 * (RFC 8489 section 5, figure 3).
	 */
	static int messageType(int method, MessageClass messageClass) {
		int c = messageClass.bits();
		return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2) | ((c & 0b01) << 4)
				| ((c & 0b10) << 7);
	}

	static int methodOf(int messageType) {
		return (messageType & 0x000F) | ((messageType & 0x00E0) >> 1) | ((messageType & 0x3E00) >> 2);
	}

	static MessageClass classOf(int messageType) {
		return MessageClass.of(((messageType >> 4) & 0b01) | ((messageType >> 7) & 0b10));
	}

}
