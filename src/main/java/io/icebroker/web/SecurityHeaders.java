package io.icebroker.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The response headers every answer carries. Spring Security writes them on requests that
 * pass its filter chain; answers written before or outside it (Tomcat's rejections, the
 * error page after a firewall rejection) get them here.
 */
public final class SecurityHeaders {

	/**
	 * HTML served here may load its own scripts, styles and images, call this service,
	 * and nothing else; it may not be framed.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	private SecurityHeaders() {
	}

	public static void applyMissing(HttpServletResponse response) {
		setIfAbsent(response, "X-Content-Type-Options", "nosniff");
		setIfAbsent(response, "Referrer-Policy", "no-referrer");
		setIfAbsent(response, "X-Frame-Options", "DENY");
		setIfAbsent(response, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
	}

	private static void setIfAbsent(HttpServletResponse response, String name, String value) {
		if (!response.containsHeader(name)) {
			response.setHeader(name, value);
		}
	}

}
