package io.icebroker.clientaddress;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.icebroker.misconfiguration.MisconfigurationException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What each setting resolves to, and what Tomcat's real {@link RemoteIpValve}, configured
 * with the resulting {@code server.tomcat.remoteip.*} values, then takes for the client.
 */
class ClientAddressSourceTests {

	private static final Map<String, String> RAILWAY = Map.of("RAILWAY_ENVIRONMENT_NAME", "production",
			"RAILWAY_PRIVATE_DOMAIN", "icebroker.railway.internal");

	@Test
	void withNothingSetTheTcpPeerIsTheClientAndTomcatIsLeftAlone() {
		ClientAddressSource source = resolve(List.of(), "", Map.of());

		assertThat(source.kind()).isEqualTo(ClientAddressSource.Kind.SOCKET);
		assertThat(source.trustsProxies()).isFalse();
		assertThat(source.tomcatProperties()).isEmpty();
		assertThat(source.describe()).startsWith("the TCP peer");
	}

	@Test
	void onRailwayXRealIpFromPrivateNetworkPeersIsTheClient() {
		ClientAddressSource source = resolve(List.of(), "", RAILWAY);

		assertThat(source.kind()).isEqualTo(ClientAddressSource.Kind.RAILWAY);
		assertThat(source.tomcatProperties()).containsEntry("server.tomcat.remoteip.remote-ip-header", "X-Real-IP")
			.containsEntry("server.tomcat.remoteip.internal-proxies",
					String.join(",", ClientAddressSource.PRIVATE_RANGES));
		assertThat(source.describe())
			.isEqualTo("X-Real-IP from private-network peers (Railway: RAILWAY_ENVIRONMENT_NAME is set)");
	}

	@Test
	void railwaysRotatingEdgeHopIsNeverTakenForTheClient() {
		RemoteIpValve valve = valve(resolve(List.of(), "", RAILWAY));

		for (String edgeHop : List.of("152.233.33.161", "152.233.33.7", "162.220.234.2")) {
			assertThat(clientOf(valve, "100.64.3.4", "X-Real-IP", "198.51.100.1", "X-Forwarded-For",
					"198.51.100.1, " + edgeHop))
				.isEqualTo("198.51.100.1");
		}
		assertThat(clientOf(valve, "fd12:3456::7", "X-Real-IP", "2001:db8::5")).isEqualTo("2001:db8::5");
	}

	@Test
	void onRailwayAHeaderFromAPublicPeerIsNotBelieved() {
		RemoteIpValve valve = valve(resolve(List.of(), "", RAILWAY));

		assertThat(clientOf(valve, "203.0.113.9", "X-Real-IP", "6.6.6.6")).isEqualTo("203.0.113.9");
	}

	@Test
	void operatorsChoiceWinsOverRailwaysDefaults() {
		ClientAddressSource source = resolve(List.of("10.0.0.0/8"), "X-Forwarded-For", RAILWAY);

		assertThat(source.kind()).isEqualTo(ClientAddressSource.Kind.CONFIGURED);
		assertThat(source.tomcatProperties()).containsEntry("server.tomcat.remoteip.remote-ip-header",
				"X-Forwarded-For");
	}

	@Test
	void trustedProxiesDefaultToXRealIpOnRailwayAndXForwardedForElsewhere() {
		assertThat(resolve(List.of("10.0.0.0/8"), "", RAILWAY).header()).isEqualTo("X-Real-IP");
		assertThat(resolve(List.of("10.0.0.0/8"), "", Map.of()).header()).isEqualTo("X-Forwarded-For");
	}

	@Test
	void bareAddressesBecomeSingleAddressRanges() {
		ClientAddressSource source = resolve(List.of("192.0.2.10", "2001:db8::1", "private"), "", Map.of());

		assertThat(source.trustedProxies()).startsWith("192.0.2.10/32", "2001:db8::1/128")
			.containsAll(ClientAddressSource.PRIVATE_RANGES);
	}

	@Test
	void behindTrustedProxiesTheRightmostUntrustedEntryIsTheClient() {
		RemoteIpValve valve = valve(resolve(List.of("10.0.0.0/8", "192.0.2.10"), "", Map.of()));

		assertThat(clientOf(valve, "10.1.2.3", "X-Forwarded-For", "198.51.100.1")).isEqualTo("198.51.100.1");
		assertThat(clientOf(valve, "10.1.2.3", "X-Forwarded-For", "6.6.6.6, 1.1.1.1, 198.51.100.1"))
			.isEqualTo("198.51.100.1");
		assertThat(clientOf(valve, "10.1.2.3", "X-Forwarded-For", "6.6.6.6, 198.51.100.1, 192.0.2.10, 10.9.9.9"))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void aHeaderFromAPeerThatIsNotTrustedIsIgnored() {
		RemoteIpValve valve = valve(resolve(List.of("10.0.0.0/8"), "", Map.of()));

		assertThat(clientOf(valve, "203.0.113.9", "X-Forwarded-For", "198.51.100.1")).isEqualTo("203.0.113.9");
	}

	@Test
	void privateTrustsEveryRangeNoInternetClientCanHave() {
		RemoteIpValve valve = valve(resolve(List.of("private"), "", Map.of()));

		assertThat(clientOf(valve, "100.64.3.4", "X-Forwarded-For", "6.6.6.6, 198.51.100.1")).isEqualTo("198.51.100.1");
		assertThat(clientOf(valve, "fd12:3456::7", "X-Forwarded-For", "198.51.100.1")).isEqualTo("198.51.100.1");
		assertThat(clientOf(valve, "203.0.113.9", "X-Forwarded-For", "198.51.100.1")).isEqualTo("203.0.113.9");
	}

	@Test
	void aMistypedPrivateStopsStartupWithASuggestion() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> resolve(List.of("10.0.0.0/8", "privat"), "", Map.of()))
			.satisfies((ex) -> {
				assertThat(ex.variable()).isEqualTo("TURN_TRUSTED_PROXIES");
				assertThat(ex.getMessage()).contains("entry 'privat' is not an IP address, a CIDR range or 'private'");
				assertThat(ex.action()).endsWith("Did you mean 'private'?");
			});
	}

	@Test
	void rangesThatAreNotRangesStopStartup() {
		for (String entry : List.of("10.0.0.0/33", "10.0.0/8", "example.com", "10.0.0.0/x")) {
			assertThatExceptionOfType(MisconfigurationException.class).as(entry)
				.isThrownBy(() -> resolve(List.of(entry), "", Map.of()))
				.withMessageContaining("TURN_TRUSTED_PROXIES entry '" + entry + "'");
		}
	}

	@Test
	void aHeaderThatIsNotAHeaderNameStopsStartup() {
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(() -> resolve(List.of("private"), "X Real IP", Map.of()))
			.withMessage("TURN_CLIENT_ADDRESS_HEADER is not an HTTP header name");
	}

	private static ClientAddressSource resolve(List<String> trustedProxies, String header,
			Map<String, String> environment) {
		return ClientAddressSource.resolve(new ClientAddressProperties(header, trustedProxies),
				(name) -> Optional.ofNullable(environment.get(name)));
	}

	/**
	 * The valve as Spring Boot builds it from {@code server.tomcat.remoteip.*}.
	 */
	private static RemoteIpValve valve(ClientAddressSource source) {
		Map<String, Object> properties = source.tomcatProperties();
		RemoteIpValve valve = new RemoteIpValve();
		valve.setRemoteIpHeader((String) properties.get("server.tomcat.remoteip.remote-ip-header"));
		valve.setInternalProxies((String) properties.get("server.tomcat.remoteip.internal-proxies"));
		return valve;
	}

	private static String clientOf(RemoteIpValve valve, String peer, String... headers) {
		Request request = new Request(new Connector(), new org.apache.coyote.Request());
		request.setRemoteAddr(peer);
		for (int index = 0; index < headers.length; index += 2) {
			request.getCoyoteRequest().getMimeHeaders().addValue(headers[index]).setString(headers[index + 1]);
		}
		AtomicReference<String> seen = new AtomicReference<>();
		valve.setNext(new ValveBase() {
			@Override
			public void invoke(Request next, org.apache.catalina.connector.Response response) {
				seen.set(next.getRemoteAddr());
			}
		});
		try {
			valve.invoke(request, null);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return seen.get();
	}

}
