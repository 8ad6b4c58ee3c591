package io.icebroker.clientaddress;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ClientAddressReportTests {

	@Test
	void startupSaysInOneLineWhereClientAddressesComeFrom(CapturedOutput output) {
		ClientAddressSource railway = ClientAddressSource.resolve(new ClientAddressProperties("", List.of()),
				(name) -> Optional.ofNullable(Map.of("RAILWAY_REPLICA_ID", "7f3c").get(name)));
		MockEnvironment environment = new MockEnvironment();
		railway.tomcatProperties().forEach((name, value) -> environment.setProperty(name, value.toString()));

		new ClientAddressReport(railway, environment).onApplicationEvent(null);

		assertThat(output).containsOnlyOnce(
				"[TURN] Client address: X-Real-IP from private-network peers (Railway: RAILWAY_REPLICA_ID is set)");
	}

	@Test
	void springBootsOwnSettingsAreReportedWhenTheyWin(CapturedOutput output) {
		ClientAddressSource socket = ClientAddressSource.resolve(new ClientAddressProperties("", List.of()),
				(name) -> Optional.empty());
		MockEnvironment environment = new MockEnvironment()
			.withProperty("server.tomcat.remoteip.remote-ip-header", "CF-Connecting-IP")
			.withProperty("server.tomcat.remoteip.internal-proxies", "10\\.\\d+\\.\\d+\\.\\d+");

		new ClientAddressReport(socket, environment).onApplicationEvent(null);

		assertThat(output).contains("[TURN] Client address: CF-Connecting-IP from peers in 10\\.\\d+\\.\\d+\\.\\d+"
				+ " (SERVER_TOMCAT_REMOTEIP_* set directly)");
	}

}
