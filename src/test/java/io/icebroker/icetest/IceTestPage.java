package io.icebroker.icetest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * The ICE test page at {@code /} as a user sees it, driven through its labels and roles.
 * Every document it loads carries the strict Content-Security-Policy the service sends on
 * HTML, so a page that needs an inline script or style fails here first.
 */
final class IceTestPage {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
			+ " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	// Gathering is bounded by the page (10 s), the server probe by 20 s; this only guards
	// against a hung test.
	private static final double RUN_TIMEOUT_MS = 60_000;

	/** app.js's GATHERING_TIMEOUT_MS. */
	static final long GATHERING_BOUND_MS = 10_000;

	private final Page page;

	private final List<String> problems = new ArrayList<>();

	private IceTestPage(Page page) {
		this.page = page;
	}

	static IceTestPage open(BrowserContext context, int port) {
		Page page = context.newPage();
		IceTestPage testPage = new IceTestPage(page);
		page.onPageError((error) -> testPage.problems.add("page error: " + error));
		page.onConsoleMessage((message) -> {
			if (message.text().contains("Content Security Policy")) {
				testPage.problems.add("console: " + message.text());
			}
		});
		page.route("**/*", IceTestPage::withContentSecurityPolicyOnDocuments);
		page.navigate("http://localhost:" + port + "/");
		return testPage;
	}

	/**
	 * Open the page with its timers on Playwright's clock instead of the wall clock, so
	 * that a run which can only end on the page's own gathering bound need not wait for
	 * it (see {@link #runPastTheGatheringBound()}).
	 * @param context a fresh browser context
	 * @param port the service's port
	 * @return the page
	 */
	static IceTestPage openWithTestClock(BrowserContext context, int port) {
		context.clock().install();
		return open(context, port);
	}

	private static void withContentSecurityPolicyOnDocuments(Route route) {
		if (!"document".equals(route.request().resourceType())) {
			route.resume();
			return;
		}
		APIResponse response = route.fetch();
		Map<String, String> headers = new LinkedHashMap<>(response.headers());
		headers.put("content-security-policy", CONTENT_SECURITY_POLICY);
		route.fulfill(new Route.FulfillOptions().setResponse(response).setHeaders(headers));
	}

	Page page() {
		return this.page;
	}

	IceTestPage fillUserId(String userId) {
		this.page.getByLabel("User id").fill(userId);
		return this;
	}

	IceTestPage fillApiKey(String apiKey) {
		this.page.getByLabel("API key").fill(apiKey);
		return this;
	}

	IceTestPage chooseRelayPolicy() {
		this.page.getByRole(AriaRole.RADIO, new Page.GetByRoleOptions().setName("relay: TURN candidates only")).check();
		return this;
	}

	/**
	 * Press Run test and wait until the run, server probe included, is over.
	 * @return this page
	 */
	IceTestPage run() {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run test")).click();
		return awaitRunOver();
	}

	/**
	 * On a page opened with {@link #openWithTestClock}: press Run test, let the page's
	 * gathering bound pass as soon as gathering has begun, and wait until the run is
	 * over.
	 * @return this page
	 */
	IceTestPage runPastTheGatheringBound() {
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Run test")).click();
		this.page.getByText("Gathering candidates")
			.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(RUN_TIMEOUT_MS));
		this.page.clock().runFor(GATHERING_BOUND_MS);
		return awaitRunOver();
	}

	IceTestPage awaitRunOver() {
		this.page.locator("main[data-run-state=done], main[data-run-state=failed]")
			.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED).setTimeout(RUN_TIMEOUT_MS));
		return this;
	}

	String runState() {
		return this.page.locator("main").getAttribute("data-run-state");
	}

	Verdict verdictFor(String url) {
		Locator verdict = this.page.locator("#verdict [data-verdict-url=\"" + url + "\"]");
		return new Verdict(verdict.getAttribute("data-verdict"), verdict.innerText());
	}

	String verdictSummary() {
		return this.page.locator("#verdict-summary").innerText();
	}

	List<String> candidateTypes() {
		return this.page.locator("#candidate-rows tr")
			.all()
			.stream()
			.map((row) -> row.getAttribute("data-candidate-type"))
			.toList();
	}

	List<String> candidateRowTexts(String type) {
		return this.page.locator("#candidate-rows tr[data-candidate-type=\"" + type + "\"]").allInnerTexts();
	}

	List<String> errorCodes() {
		return this.page.locator("#error-rows tr")
			.all()
			.stream()
			.map((row) -> row.getAttribute("data-error-code"))
			.toList();
	}

	String provider() {
		return this.page.locator("#provider").innerText();
	}

	String expiry() {
		return this.page.locator("#expiry").innerText();
	}

	List<String> iceServerUrls() {
		return this.page.locator("#ice-urls .url").allInnerTexts();
	}

	boolean probeVisible() {
		return this.page.locator("#probe").isVisible();
	}

	List<String> probeTexts() {
		return this.page.locator("#probe-results [data-probe-url]").allInnerTexts();
	}

	/** What a user can read on screen. */
	String visibleText() {
		return this.page.locator("body").innerText();
	}

	/** The whole DOM, attributes included. */
	String html() {
		return this.page.content();
	}

	/** Content-Security-Policy violations and uncaught script errors seen so far. */
	List<String> problems() {
		return List.copyOf(this.problems);
	}

	Path screenshot(String name) {
		Path path = Path.of("target", "screenshots", name);
		this.page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
		return path;
	}

	record Verdict(String kind, String text) {
	}

}
