package io.icebroker.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}), headless, driven by Playwright for Java.
 * Playwright never downloads a browser of its own here: its driver comes from Maven
 * Central as a jar, the browser from the system.
 * <p>
 * One browser serves every test in a test JVM ({@link #shared()}): launching the driver
 * and the browser takes seconds, a fresh {@link BrowserContext} (no cookies, no cache)
 * per test takes milliseconds and isolates tests as well. Tests in one JVM run one after
 * another, as Playwright requires.
 */
public final class HeadlessChromium {

	private static @Nullable HeadlessChromium shared;

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/**
	 * The flags that work on these machines (root, a closed network: no background
	 * networking).
	 */
	private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

	private final Playwright playwright;

	private final Browser browser;

	private HeadlessChromium(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	/**
	 * Skip the calling test when Chromium is not installed, except on CI
	 * ({@code CI=true}), where a missing browser is a failure: {@code .ci/run} installs
	 * it.
	 */
	public static void assumeInstalled() {
		if (Files.isExecutable(CHROMIUM)) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("chromium is not installed; .ci/run must install the chromium package");
		}
		Assumptions.abort("chromium is not installed (apt-get install -y chromium)");
	}

	/**
	 * The browser of this test JVM, launched on first use and closed when the JVM exits.
	 * Skips the calling test when Chromium is not installed (see
	 * {@link #assumeInstalled()}).
	 * @return the running browser
	 */
	public static synchronized HeadlessChromium shared() {
		assumeInstalled();
		HeadlessChromium chromium = shared;
		if (chromium == null) {
			chromium = launch();
			Runtime.getRuntime().addShutdownHook(new Thread(chromium::close, "chromium-shutdown"));
			shared = chromium;
		}
		return chromium;
	}

	private static HeadlessChromium launch() {
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		try {
			Browser browser = playwright.chromium()
				.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true).setArgs(FLAGS));
			return new HeadlessChromium(playwright, browser);
		}
		catch (RuntimeException ex) {
			playwright.close();
			throw ex;
		}
	}

	/**
	 * A fresh browser context (no cookies, no cache) with a viewport of the given size.
	 * @param width the viewport width in CSS pixels
	 * @param height the viewport height in CSS pixels
	 * @return the context; close it when done
	 */
	public BrowserContext newContext(int width, int height) {
		return this.browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height));
	}

	private void close() {
		try {
			this.browser.close();
		}
		finally {
			this.playwright.close();
		}
	}

}
