package io.icebroker.security.cors;

import java.io.IOException;

import io.icebroker.testsupport.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default: no origin listed, so a browser on another site cannot read an answer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CorsDisabledIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void preflightGetsNoCorsHeaders() throws IOException {
		RawHttp.Response response = RawHttp.send(this.port,
				"OPTIONS /turn/credentials HTTP/1.1\r\nHost: localhost\r\nOrigin: https://app.example.test\r\n"
						+ "Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n");

		assertThat(response.headers().keySet()).noneMatch((name) -> name.startsWith("access-control-"));
	}

	@Test
	void crossOriginRequestGetsNoCorsHeaders() throws IOException {
		RawHttp.Response response = RawHttp.send(this.port, "GET /turn/credentials HTTP/1.1\r\nHost: localhost\r\n"
				+ "Origin: https://app.example.test\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.headers().keySet()).noneMatch((name) -> name.startsWith("access-control-"));
	}

}
