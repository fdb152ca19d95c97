package org.bulwark;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Drives Debian's Chromium (no browser download) against the app on its random port: one browser
 * per test class, a fresh context per test, a screenshot in target/ when a test ends.
 */
public abstract class BrowserTestSupport {

	private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

	static Playwright playwright;
	static Browser browser;

	@LocalServerPort
	protected int port;

	protected BrowserContext context;
	protected Page page;

	@BeforeAll
	static void launch() {
		playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		String executable = System.getenv().getOrDefault("BULWARK_CHROMIUM", "/usr/bin/chromium");
		browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Paths.get(executable))
			.setHeadless(true).setArgs(FLAGS));
	}

	@AfterAll
	static void close() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

	@BeforeEach
	void openContext() {
		context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(1280, 900));
		context.setDefaultTimeout(15_000);
		page = context.newPage();
	}

	@AfterEach
	void closeContext(TestInfo info) {
		Path shot = Path.of("target", "screenshots", getClass().getSimpleName() + "-"
				+ info.getTestMethod().map(m -> m.getName()).orElse("test") + ".png");
		page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
		context.close();
	}

	protected String url(String path) {
		return "http://localhost:" + port + path;
	}

	protected void login(String username, String password) {
		page.navigate(url("/login"));
		page.locator("#username").fill(username);
		page.locator("#password").fill(password);
		page.locator("[data-testid=login-submit]").click();
		page.waitForSelector("[data-testid=current-user]");
	}
}
