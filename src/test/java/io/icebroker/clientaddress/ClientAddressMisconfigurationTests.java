package io.icebroker.clientaddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.icebroker.testsupport.ServiceStart.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A client-address setting the service cannot use stops start-up with Boot's failure
 * block, naming the variable and the fix, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientAddressMisconfigurationTests {

	@Test
	void aMistypedPrivateStopsStartupWithOneReadableBlock(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("TURN_TRUSTED_PROXIES=privat"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_TRUSTED_PROXIES entry 'privat' is not an IP address, a CIDR range or 'private'",
				"Did you mean 'private'?");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

	@Test
	void aHeaderThatIsNotAHeaderNameStopsStartupWithOneReadableBlock(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start("TURN_TRUSTED_PROXIES=10.0.0.0/8", "TURN_CLIENT_ADDRESS_HEADER=X Real IP"));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"TURN_CLIENT_ADDRESS_HEADER is not an HTTP header name");
		assertThat(output).doesNotContain("\tat ", "Exception");
	}

}
