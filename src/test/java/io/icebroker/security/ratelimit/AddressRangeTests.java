package io.icebroker.security.ratelimit;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AddressRangeTests {

	@Test
	void containsAddressesInsideItsPrefix() throws Exception {
		AddressRange range = AddressRange.parse("172.16.0.0/12");

		assertThat(range.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
		assertThat(range.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
		assertThat(range.contains(InetAddress.getByName("::1"))).isFalse();
	}

	@Test
	void singleAddressIsARangeOfOne() throws Exception {
		AddressRange range = AddressRange.parse("192.0.2.10");

		assertThat(range.contains(InetAddress.getByName("192.0.2.10"))).isTrue();
		assertThat(range.contains(InetAddress.getByName("192.0.2.11"))).isFalse();
	}

	@Test
	void ipv6RangesWork() throws Exception {
		AddressRange range = AddressRange.parse("fc00::/7");

		assertThat(range.contains(InetAddress.getByName("fd00::1"))).isTrue();
		assertThat(range.contains(InetAddress.getByName("fe00::1"))).isFalse();
	}

	@Test
	void privateExpandsToTheRangesTomcatCallsInternal() {
		assertThat(AddressRange.parseAll(List.of("PRIVATE")).stream().map(AddressRange::toString))
			.containsExactlyElementsOf(AddressRange.PRIVATE);
	}

	@Test
	void invalidEntriesAreNamedInTheError() {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("railway.internal"))
			.withMessageContaining("'railway.internal'")
			.withMessageContaining("TURN_TRUSTED_PROXIES");
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("10.0.0.0/33"))
			.withMessageContaining("prefix length");
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRange.parse("10.0.0.0/x"))
			.withMessageContaining("prefix length");
	}

}
