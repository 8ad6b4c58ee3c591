package io.icebroker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Added to every Spring test context (see {@code META-INF/spring.factories}): reads every
 * response body the app writes and records any configured secret in it, in any form
 * ({@link TestSecrets#CONFIGURED_FORMS}); {@link SecretLeakExtension} fails the test
 * class.
 */
public class ResponseSecretsFilter extends OncePerRequestFilter {

	static final List<String> leaks = new CopyOnWriteArrayList<>();

	// Static files come from the repository, not from configuration, and Spring serves
	// them in a way a
	// caching wrapper empties.
	private static final Pattern STATIC_RESOURCE = Pattern.compile("/|.*\\.(html|js|css|png|ico|svg)");

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return STATIC_RESOURCE.matcher(request.getRequestURI()).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, wrapper);
		}
		finally {
			String body = new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8);
			String headers = wrapper.getHeaderNames()
				.stream()
				.map((name) -> name + ": " + wrapper.getHeaders(name))
				.collect(Collectors.joining("\n"));
			if (TestSecrets.CONFIGURED_FORMS.stream()
				.anyMatch((form) -> body.contains(form) || headers.contains(form))) {
				leaks.add(request.getMethod() + " " + request.getRequestURI() + " answered a configured secret");
			}
			wrapper.copyBodyToResponse();
		}
	}

	// One instance for every test class: the context cache compares customizers, and a
	// lambda is equal only to itself.
	private static final ContextCustomizer CUSTOMIZER = (context, config) -> {
		if (context instanceof GenericApplicationContext generic) {
			generic.registerBeanDefinition("responseSecretsFilter",
					new RootBeanDefinition(ResponseSecretsFilter.class));
		}
	};

	public static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return CUSTOMIZER;
		}

	}

}
