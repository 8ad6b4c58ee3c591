package io.icebroker.clientaddress;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.icebroker.testsupport.RailwayEdge;
import io.icebroker.testsupport.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as Railway runs it: nothing set but Railway's own variables, behind a real
 * nginx that behaves like Railway's edge, with clients on distinct loopback addresses.
 * Every test uses addresses of its own: buckets outlive a test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "RAILWAY_ENVIRONMENT_NAME=production", "RAILWAY_PRIVATE_DOMAIN=icebroker.railway.internal",
				"TURN_RATE_LIMIT_PER_MINUTE=5" })
@TestInstance(Lifecycle.PER_CLASS)
class RailwayEdgeIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ClientAddressSource source;

	private RailwayEdge edge;

	@BeforeAll
	void startEdge() throws IOException {
		this.edge = RailwayEdge.start(this.port);
	}

	@AfterAll
	void stopEdge() throws IOException {
		this.edge.close();
	}

	@Test
	void clientsOnDistinctAddressesHaveBucketsOfTheirOwn() throws IOException {
		List<String> clients = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
		Map<String, List<Integer>> statuses = new LinkedHashMap<>();
		for (int round = 0; round < 7; round++) {
			for (String client : clients) {
				statuses.computeIfAbsent(client, (key) -> new ArrayList<>()).add(credentials(client).status());
			}
		}

		for (String client : clients) {
			assertThat(statuses.get(client)).as(client).containsExactly(200, 200, 200, 200, 200, 429, 429);
		}
	}

	@Test
	void forgedForwardingHeadersDoNotEscapeTheClientsBucket() throws IOException {
		List<Integer> statuses = new ArrayList<>();
		for (int request = 1; request <= 20; request++) {
			statuses.add(credentials("127.0.0.5", "X-Real-IP: 198.51.100." + request,
					"X-Forwarded-For: 203.0.113." + request + ", 198.51.100." + request)
				.status());
		}

		assertThat(Collections.frequency(statuses, 200)).isEqualTo(5);
		assertThat(Collections.frequency(statuses, 429)).isEqualTo(15);
		assertThat(statuses.subList(0, 5)).containsOnly(200);
	}

	@Test
	void theRotatingEdgeHopCreatesNoBuckets() throws IOException {
		List<Integer> statuses = new ArrayList<>();
		int before = this.edge.edgeHops().size();
		for (int request = 0; request < 12; request++) {
			statuses.add(credentials("127.0.0.6").status());
		}

		List<String> hops = this.edge.edgeHops();
		assertThat(hops.subList(before, hops.size()).stream().distinct().count()).as("distinct edge hops")
			.isGreaterThanOrEqualTo(4);
		assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429, 429, 429, 429, 429, 429);
	}

	@Test
	void railwaysOwnVariablesSelectXRealIpFromThePrivateNetwork() {
		assertThat(this.source.kind()).isEqualTo(ClientAddressSource.Kind.RAILWAY);
		assertThat(this.source.describe())
			.isEqualTo("X-Real-IP from private-network peers (Railway: RAILWAY_ENVIRONMENT_NAME is set)");
	}

	private RawHttp.Response credentials(String client, String... extraHeaders) throws IOException {
		StringBuilder request = new StringBuilder(
				"GET /turn/credentials HTTP/1.1\r\nHost: icebroker.up.railway.app\r\nConnection: close\r\n");
		for (String header : extraHeaders) {
			request.append(header).append("\r\n");
		}
		request.append("\r\n");
		return RawHttp.send(InetAddress.getByName(client), this.edge.port(),
				request.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

}
