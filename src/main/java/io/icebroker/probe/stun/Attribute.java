package io.icebroker.probe.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One attribute of a STUN message: a type and its value, without padding.
 *
 * @param type the attribute type, see {@link AttributeType}
 * @param value the value's bytes
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
	 * @return the attribute
	 */
	public static Attribute requestedTransportUdp() {
		return new Attribute(AttributeType.REQUESTED_TRANSPORT, new byte[] { PROTOCOL_UDP, 0, 0, 0 });
	}

	/**
	 * An XOR-MAPPED-ADDRESS-style attribute (RFC 8489 section 14.2): the port is XORed
	 * with the top half of the magic cookie, an IPv4 address with the cookie, an IPv6
	 * address with the cookie followed by the transaction id.
	 * @param type e.g. {@link AttributeType#XOR_MAPPED_ADDRESS}
	 * @param address the address to encode
	 * @param transactionId the message's transaction id
	 * @return the attribute
	 */
	public static Attribute xorAddress(int type, InetSocketAddress address, byte[] transactionId) {
		byte[] ip = address.getAddress().getAddress();
		ByteBuffer value = ByteBuffer.allocate(4 + ip.length);
		value.put((byte) 0);
		value.put((byte) ((ip.length == 4) ? FAMILY_IPV4 : FAMILY_IPV6));
		value.putShort((short) (address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16)));
		byte[] mask = xorMask(transactionId);
		for (int index = 0; index < ip.length; index++) {
			value.put((byte) (ip[index] ^ mask[index]));
		}
		return new Attribute(type, value.array());
	}

	public String asText() {
		return new String(this.value, StandardCharsets.UTF_8);
	}

	/**
	 * This attribute as an unsigned 32-bit number, as LIFETIME carries it.
	 * @return the number
	 * @throws MalformedMessageException if the value is not four bytes
	 */
	public long asUnsignedInt() throws MalformedMessageException {
		if (this.value.length != 4) {
			throw new MalformedMessageException("32-bit attribute of length " + this.value.length);
		}
		return Integer.toUnsignedLong(ByteBuffer.wrap(this.value).getInt());
	}

	/**
	 * Decode an XOR-MAPPED-ADDRESS-style attribute.
	 * @param transactionId the message's transaction id
	 * @return the address
	 * @throws MalformedMessageException if the value is not a valid address
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
	 * @return the address
	 * @throws MalformedMessageException if the value is not a valid address
	 */
	public InetSocketAddress asAddress() throws MalformedMessageException {
		return address(this.value);
	}

	/**
	 * Decode ERROR-CODE (RFC 8489 section 14.8).
	 * @return the code and the server's reason phrase
	 * @throws MalformedMessageException if the value is too short or the code out of
	 * range
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
