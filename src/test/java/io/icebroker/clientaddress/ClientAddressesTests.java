package io.icebroker.clientaddress;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	@Test
	void ipv4AddressesAreTheirOwnKey() {
		assertThat(ClientAddresses.key("203.0.113.9")).isEqualTo("203.0.113.9");
	}

	@Test
	void ipv6ClientsAreKeyedByTheirSlash64() {
		assertThat(ClientAddresses.key("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddresses.key("2001:db8:1:2:bbbb::9")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddresses.key("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3:0:0:0:0/64");
	}

	@Test
	void hostNamesAreNeverResolved() {
		assertThat(ClientAddresses.parse("localhost")).isEmpty();
		assertThat(ClientAddresses.parse("example.com")).isEmpty();
		assertThat(ClientAddresses.parse("999.1.1.1")).isEmpty();
		assertThat(ClientAddresses.parse(".:")).isEmpty();
		assertThat(ClientAddresses.parse("1.2.3")).isEmpty();
		assertThat(ClientAddresses.key("localhost")).isEqualTo("localhost");
	}

	@Test
	void keysThatAreNotAddressesAreBounded() {
		assertThat(ClientAddresses.key("x".repeat(500))).hasSize(64);
	}

	@Test
	void onlyTheCanonicalFormOfAnIpv4AddressSkipsParsing() throws Exception {
		assertThat(List.of("0.0.0.0", "127.0.0.1", "203.0.113.9", "255.255.255.255", "10.20.30.40"))
			.allMatch(ClientAddresses::isCanonicalIpv4)
			.allSatisfy((address) -> assertThat(ClientAddresses.key(address))
				.isEqualTo(ClientAddresses.key(InetAddress.getByName(address))));
		assertThat(List.of("", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1.2.3.4.5", "1..3.4", "01.2.3.4", "1.2.3.004",
				"256.1.1.1", "1.2.3.a", "1.2.3.4 ", "1.2.3.-4", "1234.1.1.1", "::ffff:1.2.3.4", "localhost"))
			.noneMatch(ClientAddresses::isCanonicalIpv4);
		assertThat(ClientAddresses.key("01.2.3.4")).isEqualTo("01.2.3.4");
	}

}
