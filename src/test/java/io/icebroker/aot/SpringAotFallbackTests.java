package io.icebroker.aot;

import io.icebroker.misconfiguration.MisconfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.SpringProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the fallback does to a start from Spring AOT's bean definitions. A start of the
 * built jar in each shape is checked by {@code ops/check-image.sh}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringAotFallbackTests {

	private static final DeferredLogFactory LOGS = (destination) -> destination.get();

	private final SpringAotFallback fallback = new SpringAotFallback(LOGS);

	@AfterEach
	void forgetTheSettings() {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		System.clearProperty(AbstractAotProcessor.AOT_PROCESSING);
	}

	@Test
	void aStartThatNeedsOtherBeansStartsFromTheClassesAndSaysWhy(CapturedOutput output) {
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		this.fallback.postProcessEnvironment(ownManagementPort(), web(WebApplicationType.SERVLET));
		assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
		assertThat(output).contains(
				"Starting without Spring AOT's bean definitions: MANAGEMENT_PORT is set, and not to the application's port");
	}

	@Test
	void theProbeCommandStartsFromTheClasses() {
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		this.fallback.postProcessEnvironment(new MockEnvironment(), web(WebApplicationType.NONE));
		assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
	}

	@Test
	void aStartOfThePreparedShapeKeepsSpringAot(CapturedOutput output) {
		SpringProperties.setFlag(AotDetector.AOT_ENABLED);
		this.fallback.postProcessEnvironment(new MockEnvironment(), web(WebApplicationType.SERVLET));
		assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
		assertThat(output).doesNotContain("Spring AOT");
	}

	@Test
	void aStartWithoutSpringAotIsLeftAlone(CapturedOutput output) {
		this.fallback.postProcessEnvironment(ownManagementPort(), web(WebApplicationType.SERVLET));
		assertThat(output).doesNotContain("Spring AOT");
	}

	@Test
	void aBuildWithAManagementPortOfItsOwnStopsBeforeItPreparesTheWrongBeans() {
		System.setProperty(AbstractAotProcessor.AOT_PROCESSING, "true");
		assertThatExceptionOfType(MisconfigurationException.class)
			.isThrownBy(
					() -> this.fallback.postProcessEnvironment(ownManagementPort(), web(WebApplicationType.SERVLET)))
			.satisfies((ex) -> {
				assertThat(ex.variable()).isEqualTo("MANAGEMENT_PORT");
				assertThat(ex.action()).contains("Unset MANAGEMENT_PORT", "for the build");
			});
	}

	private static MockEnvironment ownManagementPort() {
		return new MockEnvironment().withProperty("server.port", "8080").withProperty("management.server.port", "9090");
	}

	private static SpringApplication web(WebApplicationType type) {
		SpringApplication application = new SpringApplication(SpringAotFallbackTests.class);
		application.setWebApplicationType(type);
		return application;
	}

}
