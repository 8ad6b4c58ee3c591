package io.icebroker.web;

import java.io.IOException;

import io.icebroker.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9110 section 4.2.4: userinfo in a request target is an error, not something to
 * strip and serve.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class AbsoluteFormUserInfoIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void anAbsoluteFormTargetWithUserInfoIsRefusedWithAProblem(CapturedOutput output) throws IOException {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET http://user:S3cret@localhost/turn/credentials HTTP/1.1\r\nHost: localhost\r\n"
						+ "Connection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.body()).contains("userinfo").doesNotContain("iceServers").doesNotContain("S3cret");
		assertThat(output).doesNotContain("S3cret").doesNotContain(" ERROR ");
	}

	@Test
	void anAbsoluteFormTargetWithoutUserInfoIsServed() throws IOException {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET http://localhost/turn/credentials HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("iceServers");
	}

	@Test
	void anAtSignInTheQueryOfAnOriginFormTargetIsNoUserInfo() throws IOException {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET /turn/credentials?userId=bob@example.com HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response.status()).isEqualTo(200);
	}

}
