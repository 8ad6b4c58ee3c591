package io.icebroker.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses HTTP/0.9: a request line without a version ({@code GET /turn/credentials}).
 * Tomcat 11 still serves it, with no status line and no headers, so neither
 * {@code Cache-Control: no-store} nor any other header protects what it returns; it has
 * no option to turn HTTP/0.9 off. Tomcat marks such a request with an empty protocol. The
 * answer is empty: an HTTP/0.9 client cannot read a status or a problem body anyway.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class Http09Refusal extends OncePerRequestFilter implements Ordered {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String protocol = request.getProtocol();
		if (protocol == null || protocol.isEmpty() || protocol.equals("HTTP/0.9")) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentLength(0);
			return;
		}
		chain.doFilter(request, response);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
