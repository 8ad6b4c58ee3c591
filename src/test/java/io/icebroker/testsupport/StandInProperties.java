package io.icebroker.testsupport;

import java.util.List;

import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Added to every Spring test context (see {@code META-INF/spring.factories}): resolves
 * the placeholders {@link TwilioApi#BASE_URL}, {@link CloudflareApi#BASE_URL},
 * {@link MeteredApi#BASE_URL} and {@link XirsysApi#BASE_URL} to the JVM's one stand-in,
 * starting it on first use.
 * <p>
 * A test class names a stand-in with a constant in its {@code @SpringBootTest} properties
 * instead of a {@code @DynamicPropertySource} method of its own, so classes with the same
 * properties share a context. Every customizer is equal to every other, so it leaves the
 * context cache key as it was.
 */
public final class StandInProperties extends PropertySource<Object> {

	static final String TWILIO = "icebroker.test.stand-in.twilio.base-url";

	static final String CLOUDFLARE = "icebroker.test.stand-in.cloudflare.base-url";

	static final String METERED = "icebroker.test.stand-in.metered.base-url";

	static final String XIRSYS = "icebroker.test.stand-in.xirsys.base-url";

	private StandInProperties() {
		super("standInBaseUrls");
	}

	@Override
	public Object getProperty(String name) {
		return switch (name) {
			case TWILIO -> TwilioApi.shared().baseUrl();
			case CLOUDFLARE -> CloudflareApi.shared().baseUrl();
			case METERED -> MeteredApi.shared().baseUrl();
			case XIRSYS -> XirsysApi.shared().baseUrl();
			default -> null;
		};
	}

	// One instance for every test class: the context cache compares customizers, and a
	// lambda is equal only to itself.
	private static final ContextCustomizer CUSTOMIZER = (context, config) -> {
		context.getEnvironment().getPropertySources().addLast(new StandInProperties());
	};

	public static final class Factory implements ContextCustomizerFactory {

		@Override
		public ContextCustomizer createContextCustomizer(Class<?> testClass,
				List<ContextConfigurationAttributes> configAttributes) {
			return CUSTOMIZER;
		}

	}

}
