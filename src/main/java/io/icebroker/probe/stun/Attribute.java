package io.icebroker.probe.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One attribute of a STUN message: a type ({@link AttributeType}) and its value, without
 * padding.
 */
public record Attribute(int type, byte[] value) {

	/** IANA protocol number of UDP, the only relay transport RFC 8656 allocates. */
	static final int PROTOCOL_UDP = 17;

	private static final int FAMILY_IPV4 = 0x01;

	private static final int FAMILY_IPV6 = 0x02;

	public Attribute {
		if (type < 0 || type > 0xFFFF) {
			throw new IllegalArgumentException("Attribute type out of range: " + type);
		}
		if (value.length > 0xFFFF) {
			throw new IllegalArgumentException("Attribute value too long: " + value.length);
		}
		value = value.clone();
	}

	@Override
	public byte[] value() {
		return this.value.clone();
	}

	int length() {
		return this.value.length;
	}

	public static Attribute text(int type, String text) {
		return new Attribute(type, text.getBytes(StandardCharsets.UTF_8));
	}

	public static Attribute lifetime(int seconds) {
		return new Attribute(AttributeType.LIFETIME, ByteBuffer.allocate(4).putInt(seconds).array());
	}

	/**
	 * REQUESTED-TRANSPORT asking for a UDP relay (RFC 8656 section 18.11).
	 */
	public static Attribute requestedTransportUdp() {
		return new Attribute(AttributeType.REQUESTED_TRANSPORT, new byte[] { PROTOCOL_UDP, 0, 0, 0 });
	}

	public String asText() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	/**
	 * Decode an XOR-MAPPED-ADDRESS-style attribute (RFC 8489 section 14.2): the port is
	 * XORed with the top half of the magic cookie, the address with the cookie and the
	 * transaction id.
	 */
	public InetSocketAddress asXorAddress(byte[] transactionId) throws MalformedMessageException {
		byte[] plain = this.value.clone();
		if (plain.length < 4) {
			throw new MalformedMessageException("Address attribute too short");
		}
		int port = (((plain[2] & 0xFF) << 8) | (plain[3] & 0xFF)) ^ (StunMessage.MAGIC_COOKIE >>> 16);
		byte[] mask = xorMask(transactionId);
		for (int index = 4; index < plain.length; index++) {
			plain[index] ^= mask[index - 4];
		}
		plain[2] = (byte) (port >>> 8);
		plain[3] = (byte) port;
		return address(plain);
	}

	/**
	 * Decode a plain MAPPED-ADDRESS, which servers older than RFC 5389 send.
	 */
	public InetSocketAddress asAddress() throws MalformedMessageException {
		return address(this.value);
	}

	/**
	 * Decode ERROR-CODE (RFC 8489 section 14.8).
	 */
	public ErrorCode asErrorCode() throws MalformedMessageException {
		if (this.value.length < 4) {
			throw new MalformedMessageException("ERROR-CODE too short");
		}
		int code = (this.value[2] & 0x07) * 100 + (this.value[3] & 0xFF);
		if (code < 300 || code > 699) {
			throw new MalformedMessageException("ERROR-CODE out of range: " + code);
		}
		return new ErrorCode(code, new String(this.value, 4, this.value.length - 4, StandardCharsets.UTF_8));
	}

	private static InetSocketAddress address(byte[] value) throws MalformedMessageException {
		if (value.length < 4) {
			throw new MalformedMessageException("Address attribute too short");
		}
		int family = value[1] & 0xFF;
		int expectedLength = switch (family) {
			case FAMILY_IPV4 -> 8;
			case FAMILY_IPV6 -> 20;
			default -> throw new MalformedMessageException("Unknown address family " + family);
		};
		if (value.length != expectedLength) {
			throw new MalformedMessageException("Address attribute of length " + value.length);
		}
		int port = ((value[2] & 0xFF) << 8) | (value[3] & 0xFF);
		byte[] ip = new byte[expectedLength - 4];
		System.arraycopy(value, 4, ip, 0, ip.length);
		try {
			return new InetSocketAddress(InetAddress.getByAddress(ip), port);
		}
		catch (UnknownHostException ex) {
			throw new MalformedMessageException("Invalid address");
		}
	}

	private static byte[] xorMask(byte[] transactionId) {
		return ByteBuffer.allocate(16).putInt(StunMessage.MAGIC_COOKIE).put(transactionId).array();
	}

	@Override
	public String toString() {
		// USERNAME and MESSAGE-INTEGRITY are credentials or derived from them: print only
		// the shape.
		return "Attribute[type=0x" + Integer.toHexString(this.type) + ", length=" + this.value.length + "]";
	}

}
