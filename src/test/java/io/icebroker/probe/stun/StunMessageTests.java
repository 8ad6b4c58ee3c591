package io.icebroker.probe.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The codec against the RFC 5769 test vectors, byte for byte.
 */
class StunMessageTests {

	private static final byte SPACE = 0x20;

	@Test
	void encodesTheSampleRequestWithShortTermIntegrityAndFingerprintByteForByte() {
		StunMessage request = StunMessage.of(Method.BINDING, MessageClass.REQUEST, Rfc5769.REQUEST_TRANSACTION_ID,
				List.of(Attribute.text(AttributeType.SOFTWARE, "STUN test client"),
						new Attribute(0x0024, Rfc5769.hex("6e 00 01 ff")),
						new Attribute(0x8029, Rfc5769.hex("93 2f f9 b1 51 26 3b 36")),
						Attribute.text(AttributeType.USERNAME, "evtj:h6vY")));

		byte[] encoded = request.encode(Rfc5769.SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8), true, SPACE);

		assertThat(encoded).isEqualTo(Rfc5769.SAMPLE_REQUEST);
	}

	@Test
	void encodesTheSampleRequestWithLongTermAuthenticationByteForByte() {
		LongTermCredential credential = new LongTermCredential(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_PASSWORD);
		StunMessage request = StunMessage.of(Method.BINDING, MessageClass.REQUEST, Rfc5769.LONG_TERM_TRANSACTION_ID,
				List.of(Attribute.text(AttributeType.USERNAME, Rfc5769.LONG_TERM_USERNAME),
						Attribute.text(AttributeType.NONCE, Rfc5769.LONG_TERM_NONCE),
						Attribute.text(AttributeType.REALM, Rfc5769.LONG_TERM_REALM)));

		byte[] encoded = request.encode(credential.key(Rfc5769.LONG_TERM_REALM), false);

		assertThat(encoded).isEqualTo(Rfc5769.SAMPLE_REQUEST_LONG_TERM);
	}

	@Test
	void derivesTheLongTermKeyFromUsernameRealmAndPassword() throws Exception {
		LongTermCredential credential = new LongTermCredential(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_PASSWORD);
		byte[] expected = java.security.MessageDigest.getInstance("MD5")
			.digest((Rfc5769.LONG_TERM_USERNAME + ":example.org:TheMatrIX").getBytes(StandardCharsets.UTF_8));

		assertThat(credential.key(Rfc5769.LONG_TERM_REALM)).isEqualTo(expected).hasSize(16);
	}

	@Test
	void decodesTheLongTermRequestAndVerifiesItsIntegrity() throws Exception {
		LongTermCredential credential = new LongTermCredential(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_PASSWORD);

		StunMessage request = StunMessage.decode(Rfc5769.SAMPLE_REQUEST_LONG_TERM);

		assertThat(request.method()).isEqualTo(Method.BINDING);
		assertThat(request.messageClass()).isEqualTo(MessageClass.REQUEST);
		assertThat(request.transactionId()).isEqualTo(Rfc5769.LONG_TERM_TRANSACTION_ID);
		assertThat(request.attribute(AttributeType.USERNAME)).get()
			.extracting(Attribute::asText)
			.isEqualTo(Rfc5769.LONG_TERM_USERNAME);
		assertThat(request.attribute(AttributeType.NONCE)).get()
			.extracting(Attribute::asText)
			.isEqualTo(Rfc5769.LONG_TERM_NONCE);
		assertThat(request.attribute(AttributeType.REALM)).get()
			.extracting(Attribute::asText)
			.isEqualTo(Rfc5769.LONG_TERM_REALM);
		assertThat(request.hasValidIntegrity(credential.key(Rfc5769.LONG_TERM_REALM))).isTrue();
		assertThat(request.hasValidIntegrity(
				new LongTermCredential(Rfc5769.LONG_TERM_USERNAME, "TheMatrIx").key(Rfc5769.LONG_TERM_REALM)))
			.isFalse();
	}

	@Test
	void decodesTheSampleRequestAndVerifiesItsShortTermIntegrityAndFingerprint() throws Exception {
		StunMessage request = StunMessage.decode(Rfc5769.SAMPLE_REQUEST);

		assertThat(request.attribute(AttributeType.USERNAME)).get()
			.extracting(Attribute::asText)
			.isEqualTo("evtj:h6vY");
		assertThat(request.attribute(AttributeType.SOFTWARE)).get()
			.extracting(Attribute::asText)
			.isEqualTo("STUN test client");
		assertThat(request.hasValidIntegrity(Rfc5769.SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
	}

	@Test
	void decodesTheIpv4ResponseAndItsXorMappedAddress() throws Exception {
		StunMessage response = StunMessage.decode(Rfc5769.SAMPLE_IPV4_RESPONSE);

		assertThat(response.method()).isEqualTo(Method.BINDING);
		assertThat(response.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
		assertThat(response.attribute(AttributeType.SOFTWARE)).get()
			.extracting(Attribute::asText)
			.isEqualTo("test vector");
		assertThat(response.attribute(AttributeType.XOR_MAPPED_ADDRESS).get().asXorAddress(response.transactionId()))
			.isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
		assertThat(response.hasValidIntegrity(Rfc5769.SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
	}

	@Test
	void encodesTheIpv4ResponseByteForByte() throws Exception {
		StunMessage response = StunMessage.of(Method.BINDING, MessageClass.SUCCESS_RESPONSE,
				Rfc5769.REQUEST_TRANSACTION_ID,
				List.of(Attribute.text(AttributeType.SOFTWARE, "test vector"),
						Rfc5769.xorAddress(AttributeType.XOR_MAPPED_ADDRESS,
								new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853),
								Rfc5769.REQUEST_TRANSACTION_ID)));

		byte[] encoded = response.encode(Rfc5769.SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8), true, SPACE);

		assertThat(encoded).isEqualTo(Rfc5769.SAMPLE_IPV4_RESPONSE);
	}

	@Test
	void decodesAndEncodesTheIpv6ResponseByteForByte() throws Exception {
		InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"),
				32853);
		StunMessage decoded = StunMessage.decode(Rfc5769.SAMPLE_IPV6_RESPONSE);
		StunMessage built = StunMessage.of(Method.BINDING, MessageClass.SUCCESS_RESPONSE,
				Rfc5769.REQUEST_TRANSACTION_ID, List.of(Attribute.text(AttributeType.SOFTWARE, "test vector"),
						Rfc5769.xorAddress(AttributeType.XOR_MAPPED_ADDRESS, mapped, Rfc5769.REQUEST_TRANSACTION_ID)));

		assertThat(decoded.attribute(AttributeType.XOR_MAPPED_ADDRESS).get().asXorAddress(decoded.transactionId()))
			.isEqualTo(mapped);
		assertThat(decoded.hasValidIntegrity(Rfc5769.SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(built.encode(Rfc5769.SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8), true, SPACE))
			.isEqualTo(Rfc5769.SAMPLE_IPV6_RESPONSE);
	}

	@Test
	void rejectsAMessageWhoseFingerprintDoesNotMatch() {
		byte[] tampered = Rfc5769.SAMPLE_IPV4_RESPONSE.clone();
		tampered[tampered.length - 1] ^= 0x01;

		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> StunMessage.decode(tampered))
			.withMessage("FINGERPRINT does not match");
	}

	@Test
	void findsTamperedContentThroughMessageIntegrity() throws Exception {
		byte[] tampered = Rfc5769.SAMPLE_REQUEST_LONG_TERM.clone();
		// Change one letter of the realm, which the HMAC covers.
		tampered[tampered.length - 28] ^= 0x01;

		StunMessage decoded = StunMessage.decode(tampered);

		assertThat(
				decoded.hasValidIntegrity(new LongTermCredential(Rfc5769.LONG_TERM_USERNAME, Rfc5769.LONG_TERM_PASSWORD)
					.key(Rfc5769.LONG_TERM_REALM)))
			.isFalse();
	}

	@Test
	void rejectsBytesThatAreNotStun() {
		byte[] noCookie = Rfc5769.SAMPLE_REQUEST_LONG_TERM.clone();
		noCookie[4] = 0;
		byte[] truncated = java.util.Arrays.copyOf(Rfc5769.SAMPLE_REQUEST_LONG_TERM, 60);

		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> StunMessage.decode(noCookie))
			.withMessage("No magic cookie");
		assertThatExceptionOfType(MalformedMessageException.class).isThrownBy(() -> StunMessage.decode(truncated))
			.withMessage("Length field does not match the message");
		assertThatExceptionOfType(MalformedMessageException.class)
			.isThrownBy(() -> StunMessage.decode(new byte[] { 1, 2, 3 }));
	}

	@Test
	void mapsMethodAndClassOntoTheMessageTypeAndBack() {
		assertThat(Method.messageType(Method.BINDING, MessageClass.REQUEST)).isEqualTo(0x0001);
		assertThat(Method.messageType(Method.BINDING, MessageClass.SUCCESS_RESPONSE)).isEqualTo(0x0101);
		assertThat(Method.messageType(Method.ALLOCATE, MessageClass.REQUEST)).isEqualTo(0x0003);
		assertThat(Method.messageType(Method.ALLOCATE, MessageClass.ERROR_RESPONSE)).isEqualTo(0x0113);
		assertThat(Method.messageType(Method.REFRESH, MessageClass.SUCCESS_RESPONSE)).isEqualTo(0x0104);
		for (int method : new int[] { Method.BINDING, Method.ALLOCATE, Method.REFRESH, 0xFFF }) {
			for (MessageClass messageClass : MessageClass.values()) {
				int type = Method.messageType(method, messageClass);
				assertThat(Method.methodOf(type)).isEqualTo(method);
				assertThat(Method.classOf(type)).isEqualTo(messageClass);
			}
		}
	}

	@Test
	void readsErrorCodeAndLifetime() throws Exception {
		Attribute errorCode = new Attribute(AttributeType.ERROR_CODE,
				Rfc5769.hex("00 00 04 26 53 74 61 6c 65 20 4e 6f 6e 63 65"));

		assertThat(errorCode.asErrorCode()).isEqualTo(new ErrorCode(438, "Stale Nonce"));
		assertThat(errorCode.asErrorCode().describe()).isEqualTo("438 Stale Nonce");
		assertThat(ByteBuffer.wrap(Attribute.lifetime(600).value()).getInt()).isEqualTo(600);
		assertThat(new ErrorCode(499, "Custom\nforged [TURN] line").describe())
			.isEqualTo("499 Customforged [TURN] line");
	}

}
