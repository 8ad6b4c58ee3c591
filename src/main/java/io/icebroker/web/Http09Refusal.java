package io.icebroker.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Refuses HTTP/0.9: a request line without a version ({@code GET /turn/credentials}).
 * Tomcat 11 still serves it, with no status line and no headers, so neither
 * {@code Cache-Control: no-store} nor any other header protects what it returns; it has
 * no option to turn HTTP/0.9 off. Tomcat marks such a request with an empty protocol. The
 * answer is empty: an HTTP/0.9 client cannot read a status or a problem body anyway.
 * <p>
 * A valve rather than a filter: it reads the request line only, and as a filter it cost
 * every request its share of the filter chain.
 */
class Http09Refusal extends ValveBase {

	Http09Refusal() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		String protocol = request.getProtocol();
		if (protocol == null || protocol.isEmpty() || protocol.equals("HTTP/0.9")) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentLength(0);
			return;
		}
		getNext().invoke(request, response);
	}

}
