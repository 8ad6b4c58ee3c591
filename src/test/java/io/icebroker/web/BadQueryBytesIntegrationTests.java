package io.icebroker.web;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.icebroker.ops.PrometheusScrape;
import io.icebroker.testsupport.RawHttp;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query string Tomcat cannot decode (bad percent-encoding, bytes that are not UTF-8,
 * more parameters than allowed) is the client's mistake: a 400 problem like any other,
 * counted as a 400, and no ERROR line or stack trace in the log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class BadQueryBytesIntegrationTests {

	private static final String TOO_MANY_PARAMETERS = IntStream.rangeClosed(1, 21)
		.mapToObj((index) -> "p" + index + "=x")
		.collect(Collectors.joining("&"));

	@LocalServerPort
	private int port;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "userId=%zz", "userId=bob%", "userId=%u0041", "userId=%FF%FE", "userId=%C0%AE",
			"userId=alice&" + "p=%zz" })
	void aQueryStringThatCannotBeDecodedIsA400ProblemAndNotAnError(String query, CapturedOutput output)
			throws IOException {
		assertIsAQuiet400("/turn/credentials?" + query, output);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/turn/credentials", "/" })
	void moreParametersThanAllowedIsA400ProblemAndNotAnError(String path, CapturedOutput output) throws IOException {
		assertIsAQuiet400(path + "?" + TOO_MANY_PARAMETERS, output);
	}

	private void assertIsAQuiet400(String target, CapturedOutput output) throws IOException {
		RawHttp.Response response = RawHttp.send(this.port,
				"GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		List<String> statuses = statusesCounted();
		assertThat(output.toString().lines()).as(response.raw()).noneMatch((line) -> line.contains(" ERROR "));
		assertThat(output).doesNotContain("\tat ", "Exception");
		assertThat(response.status()).as(response.raw()).isEqualTo(400);
		assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":400").doesNotContain("Exception");
		assertThat(statuses).contains("400").doesNotContain("500");
	}

	private List<String> statusesCounted() throws IOException {
		RawHttp.Response scrape = RawHttp.send(this.port,
				"GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		return PrometheusScrape.parse(scrape.body())
			.samples()
			.stream()
			.filter((sample) -> sample.name().equals("http_server_requests_seconds_count"))
			.map((sample) -> sample.labels().get("status"))
			.distinct()
			.toList();
	}

}
