package io.icebroker.icetest;

import java.util.List;

import io.icebroker.testsupport.CoturnServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the app under test hands out to the browser: the one place that says which
 * provider serves the ICE test page's tests, and how.
 */
final class ServedTurn {

	private ServedTurn() {
	}

	/**
	 * Configure the app's {@code coturn} provider to hand out {@code urls} with TURN REST
	 * API credentials signed with {@code signingSecret}: coturn's own secret for working
	 * credentials, another one for refused ones.
	 * @param registry the test's dynamic properties
	 * @param urls the STUN and TURN URLs to hand out
	 * @param signingSecret the shared secret the service signs credentials with
	 */
	static void configure(DynamicPropertyRegistry registry, List<String> urls, String signingSecret) {
		registry.add("TURN_PROVIDER_ORDER", () -> "coturn,free-public-turn");
		registry.add("COTURN_SECRET", () -> signingSecret);
		registry.add("COTURN_URLS", () -> String.join(",", urls));
	}

	/**
	 * The URLs of a local coturn to hand out: its STUN URL and TURN over UDP.
	 * @param coturn the running coturn
	 * @return the URLs
	 */
	static List<String> urlsOf(CoturnServer coturn) {
		return List.of(coturn.stunUrl(), turnUrl(coturn));
	}

	/**
	 * The TURN URL of a local coturn that the page gives a verdict on.
	 * @param coturn the running coturn
	 * @return the URL
	 */
	static String turnUrl(CoturnServer coturn) {
		return coturn.turnUrl("udp");
	}

}
