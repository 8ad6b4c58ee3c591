package io.icebroker.probe.stun;

/**
 * The attribute types this client writes or reads (RFC 8489 section 18.3, RFC 8656
 * section 18).
 */
public final class AttributeType {

	public static final int MAPPED_ADDRESS = 0x0001;

	public static final int USERNAME = 0x0006;

	public static final int MESSAGE_INTEGRITY = 0x0008;

	public static final int ERROR_CODE = 0x0009;

	public static final int LIFETIME = 0x000D;

	public static final int REALM = 0x0014;

	public static final int NONCE = 0x0015;

	public static final int XOR_RELAYED_ADDRESS = 0x0016;

	public static final int REQUESTED_TRANSPORT = 0x0019;

	public static final int XOR_MAPPED_ADDRESS = 0x0020;

	public static final int SOFTWARE = 0x8022;

	public static final int FINGERPRINT = 0x8028;

	private AttributeType() {
	}

}
