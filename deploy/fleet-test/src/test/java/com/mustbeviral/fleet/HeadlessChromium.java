package com.mustbeviral.fleet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, driven through Debian's chromedriver (packages chromium and chromium-driver,
 * installed through apt-get when missing, as fleet.sh installs redis-server, so that {@code ./mvnw
 * verify} works on a fresh machine). Paths are given so that Selenium Manager never tries to
 * download a browser or a driver.
 */
final class HeadlessChromium {

    static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    static ChromeDriver start() throws Exception {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            install();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-quic",
                // This machine's network is closed: without these, Chromium keeps calling Google's hosts.
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static void install() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        String sudo = root ? "" : "sudo ";
        ProcessBuilder apt = new ProcessBuilder("sh", "-c", sudo + "apt-get update -qq && " + sudo
                + "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver").inheritIO();
        int exit = apt.start().waitFor();
        if (exit != 0 || !Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException(BROWSER + " or " + DRIVER + " is missing and apt-get could not install "
                    + "them (exit " + exit + "): apt-get install chromium chromium-driver");
        }
    }
}
