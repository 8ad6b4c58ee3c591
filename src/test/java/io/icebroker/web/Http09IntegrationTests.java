package io.icebroker.web;

import java.io.IOException;

import io.icebroker.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request line without an HTTP version gets no credentials: HTTP/0.9 has no status line
 * and no headers, so nothing could tell a cache not to keep them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class Http09IntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void anHttp09RequestGetsNoCredentials() throws IOException {
		RawHttp.Response response = RawHttp.send(this.port, "GET /turn/credentials\r\n");

		assertThat(response.raw()).doesNotContain("iceServers", "credential", "username");
	}

	@Test
	void anHttp11RequestStillGetsCredentials() throws IOException {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("iceServers");
	}

}
