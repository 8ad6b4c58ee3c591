package io.icebroker.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.tomcat.util.buf.ByteChunk;
import org.apache.tomcat.util.buf.MessageBytes;

import org.springframework.http.HttpStatus;

/**
 * Refuses a request target in absolute form that carries userinfo
 * ({@code GET http://user:pass@host/ HTTP/1.1}), which RFC 9110 section 4.2.4 asks
 * recipients to treat as an error: it leaks credentials into logs and fools users about
 * the host. Tomcat 11 strips valid userinfo before any valve runs, leaving the request
 * URI pointing past it in the same buffer, so this valve reads the bytes just before the
 * URI.
 */
class AbsoluteFormUserInfoRefusal extends ValveBase {

	// Longer than any scheme and authority Tomcat accepts within its header size limit
	// would still be scanned in full; this bounds the work for anything else.
	private static final int MAX_AUTHORITY_BYTES = 8192;

	private final Problems problems;

	AbsoluteFormUserInfoRefusal(Problems problems) {
		super(true);
		this.problems = problems;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		MessageBytes uri = request.getCoyoteRequest().requestURI();
		if (uri.getType() == MessageBytes.T_BYTES && strippedAuthorityHasUserInfo(uri.getByteChunk())) {
			SecurityHeaders.applyMissing(response);
			this.problems.write(response, HttpStatus.BAD_REQUEST,
					"The request target carries userinfo (user:password@), which HTTP forbids", null);
			return;
		}
		getNext().invoke(request, response);
	}

	static boolean strippedAuthorityHasUserInfo(ByteChunk uri) {
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
