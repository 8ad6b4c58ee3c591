package io.icebroker.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Refuses HTTP/0.9 ({@code GET /turn/credentials} without a version), which Tomcat 11
 * still serves without a status line or headers, so no {@code Cache-Control: no-store}
 * protects it. The answer is empty: an HTTP/0.9 client could not read a problem anyway.
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
