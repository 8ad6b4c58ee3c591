package io.icebroker.probe.stun;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * A STUN message (RFC 8489 section 5): a 20-byte header (type, length, magic cookie,
 * transaction id) followed by attributes, each padded to a multiple of four bytes.
 * <p>
 * Encoding appends MESSAGE-INTEGRITY (HMAC-SHA1, section 14.5) and FINGERPRINT (CRC-32
 * XOR {@code 0x5354554e}, section 14.7) on request. A decoded message keeps its bytes, so
 * that its integrity can be checked against a key afterwards.
 */
public final class StunMessage {

	static final int HEADER_LENGTH = 20;

	static final int MAGIC_COOKIE = 0x2112A442;

	static final int TRANSACTION_ID_LENGTH = 12;

	private static final int FINGERPRINT_XOR = 0x5354554e;

	private static final int INTEGRITY_LENGTH = 20;

	private static final SecureRandom random = new SecureRandom();

	private final int type;

	private final byte[] transactionId;

	private final List<Attribute> attributes;

	/** Empty for a message built to be sent. */
	private final byte[] received;

	/** Offset of MESSAGE-INTEGRITY in {@link #received}, or -1. */
	private final int integrityOffset;

	private StunMessage(int type, byte[] transactionId, List<Attribute> attributes, byte[] received,
			int integrityOffset) {
		this.type = type;
		this.transactionId = transactionId;
		this.attributes = List.copyOf(attributes);
		this.received = received;
		this.integrityOffset = integrityOffset;
	}

	/**
	 * A message to be encoded; {@link #encode} adds MESSAGE-INTEGRITY and FINGERPRINT.
	 */
	public static StunMessage of(int method, MessageClass messageClass, byte[] transactionId,
			List<Attribute> attributes) {
		if (transactionId.length != TRANSACTION_ID_LENGTH) {
			throw new IllegalArgumentException("A transaction id has 12 bytes");
		}
		return new StunMessage(Method.messageType(method, messageClass), transactionId.clone(), attributes, new byte[0],
				-1);
	}

	/**
	 * A request with a fresh random transaction id.
	 */
	public static StunMessage request(int method, List<Attribute> attributes) {
		byte[] transactionId = new byte[TRANSACTION_ID_LENGTH];
		random.nextBytes(transactionId);
		return of(method, MessageClass.REQUEST, transactionId, attributes);
	}

	public int method() {
		return Method.methodOf(this.type);
	}

	public MessageClass messageClass() {
		return Method.classOf(this.type);
	}

	public byte[] transactionId() {
		return this.transactionId.clone();
	}

	boolean hasTransactionId(byte[] candidate) {
		return Arrays.equals(this.transactionId, candidate);
	}

	/**
	 * The first attribute of a type, as RFC 8489 section 14 asks receivers to read it.
	 */
	public Optional<Attribute> attribute(int type) {
		return this.attributes.stream().filter((attribute) -> attribute.type() == type).findFirst();
	}

	public byte[] encode(byte @Nullable [] integrityKey, boolean fingerprint) {
		return encode(integrityKey, fingerprint, (byte) 0);
	}

	/**
	 * Encode with a chosen padding byte. Receivers ignore padding (section 14), but
	 * MESSAGE-INTEGRITY covers it: the RFC 5769 test vectors pad with spaces.
	 */
	byte[] encode(byte @Nullable [] integrityKey, boolean fingerprint, byte padding) {
		int attributesLength = this.attributes.stream().mapToInt((attribute) -> 4 + padded(attribute.length())).sum();
		int integrityLength = (integrityKey != null) ? 4 + INTEGRITY_LENGTH : 0;
		int fingerprintLength = fingerprint ? 8 : 0;
		ByteBuffer buffer = ByteBuffer.allocate(HEADER_LENGTH + attributesLength + integrityLength + fingerprintLength);
		buffer.putShort((short) this.type);
		buffer.putShort((short) (attributesLength + integrityLength));
		buffer.putInt(MAGIC_COOKIE);
		buffer.put(this.transactionId);
		for (Attribute attribute : this.attributes) {
			put(buffer, attribute, padding);
		}
		if (integrityKey != null) {
			byte[] hmac = hmacSha1(integrityKey, buffer.array(), buffer.position());
			put(buffer, new Attribute(AttributeType.MESSAGE_INTEGRITY, hmac), padding);
		}
		if (fingerprint) {
			buffer.putShort(2, (short) (attributesLength + integrityLength + fingerprintLength));
			int crc = crc32(buffer.array(), buffer.position()) ^ FINGERPRINT_XOR;
			buffer.putShort((short) AttributeType.FINGERPRINT);
			buffer.putShort((short) 4);
			buffer.putInt(crc);
		}
		return buffer.array();
	}

	public static StunMessage decode(byte[] bytes) throws MalformedMessageException {
		if (bytes.length < HEADER_LENGTH) {
			throw new MalformedMessageException("Shorter than a STUN header");
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		int type = buffer.getShort() & 0xFFFF;
		int length = buffer.getShort() & 0xFFFF;
		if ((type & 0xC000) != 0) {
			throw new MalformedMessageException("First two bits are not zero");
		}
		if (buffer.getInt() != MAGIC_COOKIE) {
			throw new MalformedMessageException("No magic cookie");
		}
		if (length % 4 != 0 || HEADER_LENGTH + length != bytes.length) {
			throw new MalformedMessageException("Length field does not match the message");
		}
		byte[] transactionId = new byte[TRANSACTION_ID_LENGTH];
		buffer.get(transactionId);
		List<Attribute> attributes = new ArrayList<>();
		int integrityOffset = -1;
		while (buffer.hasRemaining()) {
			int offset = buffer.position();
			if (buffer.remaining() < 4) {
				throw new MalformedMessageException("Truncated attribute header");
			}
			int attributeType = buffer.getShort() & 0xFFFF;
			int attributeLength = buffer.getShort() & 0xFFFF;
			if (buffer.remaining() < padded(attributeLength)) {
				throw new MalformedMessageException("Truncated attribute");
			}
			byte[] value = new byte[attributeLength];
			buffer.get(value);
			buffer.position(buffer.position() + padded(attributeLength) - attributeLength);
			if (attributeType == AttributeType.FINGERPRINT) {
				checkFingerprint(bytes, offset, value, buffer.hasRemaining());
				break;
			}
			if (integrityOffset >= 0) {
				// Only FINGERPRINT may follow MESSAGE-INTEGRITY (section 14.5).
				continue;
			}
			if (attributeType == AttributeType.MESSAGE_INTEGRITY) {
				if (attributeLength != INTEGRITY_LENGTH) {
					throw new MalformedMessageException("MESSAGE-INTEGRITY of length " + attributeLength);
				}
				integrityOffset = offset;
			}
			attributes.add(new Attribute(attributeType, value));
		}
		return new StunMessage(type, transactionId, attributes, bytes.clone(), integrityOffset);
	}

	/**
	 * Whether this decoded message carries a MESSAGE-INTEGRITY that the key produces.
	 */
	public boolean hasValidIntegrity(byte[] key) {
		if (this.integrityOffset < 0) {
			return false;
		}
		byte[] covered = Arrays.copyOf(this.received, this.integrityOffset);
		// The length field is set as if MESSAGE-INTEGRITY were the last attribute.
		ByteBuffer.wrap(covered).putShort(2, (short) (this.integrityOffset + 4 + INTEGRITY_LENGTH - HEADER_LENGTH));
		byte[] expected = hmacSha1(key, covered, covered.length);
		byte[] actual = Arrays.copyOfRange(this.received, this.integrityOffset + 4,
				this.integrityOffset + 4 + INTEGRITY_LENGTH);
		return MessageDigest.isEqual(expected, actual);
	}

	private static void checkFingerprint(byte[] bytes, int offset, byte[] value, boolean followedByMore)
			throws MalformedMessageException {
		if (value.length != 4 || followedByMore) {
			throw new MalformedMessageException("FINGERPRINT is not the last four-byte attribute");
		}
		int expected = crc32(bytes, offset) ^ FINGERPRINT_XOR;
		if (ByteBuffer.wrap(value).getInt() != expected) {
			throw new MalformedMessageException("FINGERPRINT does not match");
		}
	}

	private static void put(ByteBuffer buffer, Attribute attribute, byte padding) {
		buffer.putShort((short) attribute.type());
		buffer.putShort((short) attribute.length());
		buffer.put(attribute.value());
		for (int index = attribute.length(); index < padded(attribute.length()); index++) {
			buffer.put(padding);
		}
	}

	static int padded(int length) {
		return (length + 3) & ~3;
	}

	private static byte[] hmacSha1(byte[] key, byte[] data, int length) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			mac.update(data, 0, length);
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA1 is not available", ex);
		}
	}

	private static int crc32(byte[] data, int length) {
		CRC32 crc = new CRC32();
		crc.update(data, 0, length);
		return (int) crc.getValue();
	}

	@Override
	public String toString() {
		return "StunMessage[method=0x" + Integer.toHexString(method()) + ", class=" + messageClass() + ", attributes="
				+ this.attributes + "]";
	}

}
