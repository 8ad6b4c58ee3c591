package io.icebroker.icetest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rotation check page (test resources, {@code /rotation-check.html}): two relay-only
 * peer connections kept on fresh credentials by {@code /icebroker.js}. What the page
 * reports is read from {@code window.rotationCheck}; what the browser did is recorded
 * independently of the module: every {@code /turn/credentials} answer off the network,
 * and every {@code setConfiguration} call through a wrapper installed before any page
 * script runs.
 */
final class RotationCheckPage {

	// Records, per peer connection, the TURN username it had and the one each
	// setConfiguration gave it.
	private static final String RECORD_SET_CONFIGURATION = """
			(() => {
				const calls = window.__setConfigurationCalls = [];
				const ids = new WeakMap();
				const turnUsername = (configuration) => {
					const entry = ((configuration && configuration.iceServers) || []).find((server) => server.username);
					return entry ? entry.username : null;
				};
				const original = RTCPeerConnection.prototype.setConfiguration;
				RTCPeerConnection.prototype.setConfiguration = function (configuration) {
					if (!ids.has(this)) {
						ids.set(this, calls.length === 0 ? 1 : Math.max(...calls.map((call) => call.connection)) + 1);
					}
					calls.push({ connection: ids.get(this), before: turnUsername(this.getConfiguration()),
						after: turnUsername(configuration) });
					return original.call(this, configuration);
				};
			})();
			""";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Page page;

	private final List<String> answeredUsernames = Collections.synchronizedList(new ArrayList<>());

	private final List<Integer> answeredStatuses = Collections.synchronizedList(new ArrayList<>());

	private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());

	private RotationCheckPage(Page page) {
		this.page = page;
	}

	static RotationCheckPage open(BrowserContext context, int port, String userId) {
		Page page = context.newPage();
		RotationCheckPage check = new RotationCheckPage(page);
		page.addInitScript(RECORD_SET_CONFIGURATION);
		page.onPageError(check.pageErrors::add);
		page.onResponse(check::recordAnswer);
		page.navigate("http://127.0.0.1:" + port + "/rotation-check.html?userId=" + userId);
		return check;
	}

	private void recordAnswer(Response response) {
		if (!response.url().contains("/turn/credentials")) {
			return;
		}
		this.answeredStatuses.add(response.status());
		if (response.status() == 200) {
			for (JsonNode server : json.readTree(response.text()).get("iceServers")) {
				if (server.has("username")) {
					this.answeredUsernames.add(server.get("username").asString());
				}
			}
		}
	}

	/**
	 * Wait until the data channel has been open for this long.
	 * @param millis how long
	 * @param timeoutMillis the most to wait
	 */
	void awaitDataChannelOpenFor(int millis, double timeoutMillis) {
		this.page.waitForFunction("(millis) => window.rotationCheck && window.rotationCheck.elapsedMs() >= millis",
				millis, new Page.WaitForFunctionOptions().setTimeout(timeoutMillis).setPollingInterval(100));
	}

	/**
	 * Wait until each of the two connections has been given new credentials this many
	 * times.
	 * @param rotations the setConfiguration calls each connection must have had
	 * @param timeoutMillis the most to wait
	 */
	void awaitRotationsOfBothConnections(int rotations, double timeoutMillis) {
		this.page.waitForFunction("""
				(rotations) => [1, 2].every((connection) =>
					(window.__setConfigurationCalls || []).filter((call) => call.connection === connection).length
						>= rotations)""", rotations,
				new Page.WaitForFunctionOptions().setTimeout(timeoutMillis).setPollingInterval(100));
	}

	/**
	 * Wait until the module has reported an error of this status.
	 * @param status an HTTP status, or 0 for a network error
	 * @param timeoutMillis the most to wait
	 */
	void awaitError(int status, double timeoutMillis) {
		this.page.waitForFunction(
				"(status) => window.rotationCheck && window.rotationCheck.errors.some((e) => e.status === status)",
				status, new Page.WaitForFunctionOptions().setTimeout(timeoutMillis).setPollingInterval(50));
	}

	/**
	 * Wait until this many more answers have been applied, and a message arrived since.
	 * @param answers the answer count to reach
	 * @param timeoutMillis the most to wait
	 */
	void awaitAnswers(int answers, double timeoutMillis) {
		this.page.waitForFunction("(answers) => window.rotationCheck.answers >= answers", answers,
				new Page.WaitForFunctionOptions().setTimeout(timeoutMillis).setPollingInterval(50));
	}

	int answers() {
		return ((Number) this.page.evaluate("window.rotationCheck.answers")).intValue();
	}

	int received() {
		return ((Number) this.page.evaluate("window.rotationCheck.received")).intValue();
	}

	int sent() {
		return ((Number) this.page.evaluate("window.rotationCheck.sent")).intValue();
	}

	int outOfOrder() {
		return ((Number) this.page.evaluate("window.rotationCheck.outOfOrder")).intValue();
	}

	double longestGapMillis() {
		return ((Number) this.page.evaluate("window.rotationCheck.longestGapMs")).doubleValue();
	}

	double millisSinceLastMessage() {
		return ((Number) this.page.evaluate("window.rotationCheck.msSinceLastMessage()")).doubleValue();
	}

	@SuppressWarnings("unchecked")
	List<String> restarts() {
		return (List<String>) this.page.evaluate("window.rotationCheck.restarts");
	}

	@SuppressWarnings("unchecked")
	List<String> failures() {
		return (List<String>) this.page.evaluate("window.rotationCheck.failures");
	}

	@SuppressWarnings("unchecked")
	List<Map<String, Object>> errors() {
		return (List<Map<String, Object>>) this.page.evaluate("window.rotationCheck.errors");
	}

	String selectedLocalCandidateType() {
		return (String) this.page.evaluate("window.rotationCheck.selectedLocalCandidateType()");
	}

	/**
	 * Every setConfiguration call: which connection, its TURN username before and the one
	 * it was given.
	 * @return the calls in order
	 */
	List<SetConfiguration> setConfigurationCalls() {
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> calls = (List<Map<String, Object>>) this.page
			.evaluate("window.__setConfigurationCalls");
		return calls.stream()
			.map((call) -> new SetConfiguration(((Number) call.get("connection")).intValue(),
					(String) call.get("before"), (String) call.get("after")))
			.toList();
	}

	/** TURN usernames in every 200 answer of /turn/credentials, in order. */
	List<String> answeredUsernames() {
		return List.copyOf(this.answeredUsernames);
	}

	/** The status of every answer of /turn/credentials, in order. */
	List<Integer> answeredStatuses() {
		return List.copyOf(this.answeredStatuses);
	}

	List<String> pageErrors() {
		return List.copyOf(this.pageErrors);
	}

	record SetConfiguration(int connection, String before, String after) {
	}

}
