package io.icebroker.clientaddress;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the client address of a request comes from when a reverse proxy is in front.
 *
 * @param header Header that the trusted proxies write the client address into
 * (TURN_CLIENT_ADDRESS_HEADER). Empty means X-Real-IP on Railway and X-Forwarded-For
 * elsewhere.
 * @param trustedProxies Addresses or CIDR ranges of the reverse proxies whose header is
 * believed, or "private" for every loopback, private and link-local range
 * (TURN_TRUSTED_PROXIES, comma-separated). Empty means "private" on Railway and,
 * elsewhere, that the TCP peer is the client.
 */
@ConfigurationProperties("icebroker.client-address")
public record ClientAddressProperties(@DefaultValue("") String header, @DefaultValue List<String> trustedProxies) {

	public ClientAddressProperties {
		header = header.strip();
		trustedProxies = trustedProxies.stream().map(String::strip).filter((entry) -> !entry.isEmpty()).toList();
	}

}
