package io.icebroker.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.buf.ByteChunk;
import org.apache.tomcat.util.buf.MessageBytes;

import org.springframework.http.HttpStatus;

/**
 * Refuses request lines that Tomcat 11 accepts but HTTP does not, before any filter runs:
 * <ul>
 * <li>HTTP/0.9 ({@code GET /turn/credentials} without a version), which Tomcat still
 * serves without a status line or headers, so no {@code Cache-Control: no-store} protects
 * it. The answer is empty: an HTTP/0.9 client could not read a problem anyway.</li>
 * <li>A request target in absolute form that carries userinfo
 * ({@code GET http://user:pass@host/ HTTP/1.1}), which RFC 9110 section 4.2.4 asks
 * recipients to treat as an error: it leaks credentials into logs and fools users about
 * the host. Tomcat strips valid userinfo before any valve runs, leaving the request URI
 * pointing past it in the same buffer, so the bytes just before the URI are read.</li>
 * </ul>
 */
class RequestLineRefusal extends ValveBase {

	// Longer than any scheme and authority Tomcat accepts within its header size limit
	// would still be scanned in full; this bounds the work for anything else.
	private static final int MAX_AUTHORITY_BYTES = 8192;

	private final Problems problems;

	RequestLineRefusal(Problems problems) {
		super(true);
		this.problems = problems;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		String protocol = request.getProtocol();
		if (protocol == null || protocol.isEmpty() || protocol.equals("HTTP/0.9")) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentLength(0);
			return;
		}
		MessageBytes uri = request.getCoyoteRequest().requestURI();
		if (uri.getType() == MessageBytes.T_BYTES && strippedAuthorityHasUserInfo(uri.getByteChunk())) {
			SecurityHeaders.applyMissing(response);
			this.problems.write(response, HttpStatus.BAD_REQUEST,
					"The request target carries userinfo (user:password@), which HTTP forbids", null);
			return;
		}
		getNext().invoke(request, response);
	}

	private static boolean strippedAuthorityHasUserInfo(ByteChunk uri) {
		byte[] buffer = uri.getBuffer();
		int start = uri.getStart();
		if (buffer == null || start <= 0) {
			return false;
		}
		int from = start;
		while (from > 0 && start - from < MAX_AUTHORITY_BYTES && buffer[from - 1] != ' ') {
			from--;
		}
		if (from == start || from == 0 || buffer[from - 1] != ' ') {
			return false;
		}
		String stripped = new String(buffer, from, start - from, StandardCharsets.ISO_8859_1);
		String scheme = stripped.toLowerCase(Locale.ROOT);
		return (scheme.startsWith("http://") || scheme.startsWith("https://")) && stripped.indexOf('@') >= 0;
	}

}
