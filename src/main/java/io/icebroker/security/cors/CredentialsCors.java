package io.icebroker.security.cors;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.icebroker.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The CORS rules of {@code /turn/credentials} and the browser module
 * {@code /icebroker.js}: {@code GET} from the listed origins, without credentials mode
 * (no cookies are involved). With no origin listed, no {@code Access-Control-*} header is
 * ever sent.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
public class CredentialsCors {

	private final CorsProperties properties;

	private final Problems problems;

	public CredentialsCors(CorsProperties properties, Problems problems) {
		this.properties = properties;
		this.problems = problems;
	}

	/**
	 * The filter for the security chain; it rejects foreign origins with a problem body.
	 */
	public CorsFilter filter() {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!this.properties.allowedOrigins().isEmpty()) {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(this.properties.allowedOrigins());
			configuration.setAllowedMethods(List.of(HttpMethod.GET.name()));
			configuration.setAllowedHeaders(
					List.of(HttpHeaders.AUTHORIZATION, "X-API-Key", "X-User-Id", HttpHeaders.CONTENT_TYPE));
			configuration.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER));
			configuration.setAllowCredentials(false);
			configuration.setMaxAge(Duration.ofHours(1));
			source.registerCorsConfiguration("/turn/credentials", configuration);
			// A browser loads a module from another origin only with CORS.
			source.registerCorsConfiguration("/icebroker.js", configuration);
		}
		CorsFilter filter = new CorsFilter(source);
		filter.setCorsProcessor(new ProblemCorsProcessor(this.problems));
		return filter;
	}

	public String describe() {
		return this.properties.allowedOrigins().isEmpty() ? "off (no TURN_ALLOWED_ORIGINS)"
				: String.join(", ", this.properties.allowedOrigins());
	}

	/**
	 * Spring's processor rejects with a plain-text body; this one with a problem.
	 */
	static final class ProblemCorsProcessor extends DefaultCorsProcessor {

		private final Problems problems;

		ProblemCorsProcessor(Problems problems) {
			this.problems = problems;
		}

		@Override
		protected void rejectRequest(ServerHttpResponse response) throws IOException {
			if (response instanceof ServletServerHttpResponse servlet) {
				this.problems.write(servlet.getServletResponse(), HttpStatus.FORBIDDEN,
						"This origin may not call this endpoint from a browser", null);
				return;
			}
			response.setStatusCode(HttpStatus.FORBIDDEN);
			response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			response.flush();
		}

	}

}
