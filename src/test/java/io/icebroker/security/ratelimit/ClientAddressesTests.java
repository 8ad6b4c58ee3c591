package io.icebroker.security.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	private static final ClientAddresses noProxy = new ClientAddresses(List.of());

	private static final ClientAddresses behindProxy = new ClientAddresses(
			AddressRange.parseAll(List.of("10.0.0.0/8", "192.0.2.10")));

	@Test
	void socketAddressIsTheClientWhenNoProxyIsTrusted() {
		assertThat(noProxy.key(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void forwardedForIsIgnoredWhenThePeerIsNotATrustedProxy() {
		assertThat(behindProxy.key(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void rightmostEntryIsTheClientBehindATrustedProxy() {
		assertThat(behindProxy.key(request("10.1.2.3", "198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void entriesTheClientWroteItselfAreIgnored() {
		assertThat(behindProxy.key(request("10.1.2.3", "6.6.6.6, 1.1.1.1, 198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void chainsOfTrustedProxiesAreWalkedFromTheRight() {
		assertThat(behindProxy.key(request("10.1.2.3", "6.6.6.6, 198.51.100.1, 192.0.2.10, 10.9.9.9")))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void repeatedHeadersAreReadAsOneList() {
		MockHttpServletRequest request = request("10.1.2.3", "6.6.6.6");
		request.addHeader(ClientAddresses.FORWARDED_FOR, "198.51.100.1");

		assertThat(behindProxy.key(request)).isEqualTo("198.51.100.1");
	}

	@Test
	void garbageStopsTheWalkAtTheLastAddressVouchedFor() {
		assertThat(behindProxy.key(request("10.1.2.3", "198.51.100.1, <script>"))).isEqualTo("10.1.2.3");
		assertThat(behindProxy.key(request("10.1.2.3", "198.51.100.1, 10.0.0.7, unknown"))).isEqualTo("10.1.2.3");
	}

	@Test
	void hostNamesAreNeverResolved() {
		assertThat(behindProxy.key(request("10.1.2.3", "localhost"))).isEqualTo("10.1.2.3");
		assertThat(behindProxy.key(request("10.1.2.3", "999.1.1.1"))).isEqualTo("10.1.2.3");
		assertThat(IpLiterals.parse("example.com")).isEmpty();
		assertThat(IpLiterals.parse(".:")).isEmpty();
		assertThat(IpLiterals.parse("1.2.3")).isEmpty();
	}

	@Test
	void portsAndBracketsAreStripped() {
		assertThat(behindProxy.key(request("10.1.2.3", "198.51.100.1:5555"))).isEqualTo("198.51.100.1");
		assertThat(behindProxy.key(request("10.1.2.3", "[2001:db8::1]:5555"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
	}

	@Test
	void ipv6ClientsAreKeyedByTheirSlash64() {
		assertThat(noProxy.key(request("2001:db8:1:2:aaaa::1", null))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(noProxy.key(request("2001:db8:1:2:bbbb::9", null))).isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(noProxy.key(request("2001:db8:1:3::1", null))).isEqualTo("2001:db8:1:3:0:0:0:0/64");
	}

	@Test
	void privateTrustsEveryRangeNoInternetClientCanHave() {
		ClientAddresses railway = new ClientAddresses(AddressRange.parseAll(List.of("private")));

		assertThat(railway.key(request("100.64.3.4", "6.6.6.6, 198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(railway.key(request("fd12:3456::7", "198.51.100.1"))).isEqualTo("198.51.100.1");
		assertThat(railway.key(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/turn/credentials");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader(ClientAddresses.FORWARDED_FOR, forwardedFor);
		}
		return request;
	}

}
