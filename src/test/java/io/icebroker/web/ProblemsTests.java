package io.icebroker.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTests {

	private static final Problems PROBLEMS = TestProblems.PROBLEMS;

	@Test
	void writesAnRfc9457Body() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();

		PROBLEMS.write(response, HttpStatus.TOO_MANY_REQUESTS, "Slow down", "/turn/credentials");

		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(
				"{\"detail\":\"Slow down\",\"instance\":\"/turn/credentials\",\"status\":429,\"title\":\"Too Many Requests\"}");
	}

	@Test
	void keepsOnlyPlainPathsAsInstance() {
		assertThat(instance("/turn/credentials")).isEqualTo("/turn/credentials");
		assertThat(instance("/turn/credentials;jsessionid=1")).isNull();
		assertThat(instance("/a\nb")).isNull();
		assertThat(instance("/%3Cscript%3E")).isNull();
		assertThat(instance("/" + "a".repeat(300))).isNull();
		assertThat(instance("relative")).isNull();
		assertThat(instance(null)).isNull();
	}

	@Test
	void escapesWhatItWrites() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "quote \" and\nnewline");

		assertThat(new String(PROBLEMS.toJson(problem), StandardCharsets.UTF_8))
			.contains("\"detail\":\"quote \\\" and\\nnewline\"");
	}

	@Test
	void everyErrorStatusHasASentence() {
		for (HttpStatus status : HttpStatus.values()) {
			if (status.isError()) {
				assertThat(Problems.detail(status)).as(status.toString()).isNotBlank();
			}
		}
	}

	private static String instance(String path) {
		ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "detail", path);
		return (problem.getInstance() != null) ? problem.getInstance().toString() : null;
	}

}
