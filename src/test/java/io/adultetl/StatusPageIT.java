package io.adultetl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.regex.Pattern;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The status page in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs; nothing
 * is downloaded) while the service loads the bundled data and a planted file whose rejected lines hold markup: the
 * loaded count rises without a reload, the end shows exactly the table's count, every file, the planted file's
 * rejects by rule and its hostile lines as text that ran nothing, drawn charts, and this instance alive with the
 * batches it committed. Screenshots go to target/.
 */
@CamelMainTest(propertyPlaceholderLocations = LocalModeIT.PROPERTIES,
        properties = {"adult.batch.period=300", "adult.audit.interval=500", "camel.main.autoStartupExcludePattern=load"})
class StatusPageIT extends LocalModeIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** A key with markup in it: the page shows it as text too. */
    private static final String PLANTED = "raw/<b>planted<b>.data";
    private static final long BUNDLED = 48_842;

    @Test
    void thePageFollowsTheLoadAndShowsWhatTheTablesHoldAsText() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser test needs Debian's chromium and chromium-driver: apt-get install chromium "
                        + "chromium-driver (.ci/run installs them)")
                .isTrue();
        s3.putObject(b -> b.bucket("adult").key(PLANTED),
                RequestBody.fromFile(Path.of("src/test/resources/status/planted.data")));
        TestDb.awaitTrue(TIMEOUT, "the bundled files and the planted one refined",
                () -> count("select count(*) from adult_refined") == 3);
        long known = count("select sum(records) from adult_refined");
        assertThat(known).isEqualTo(BUNDLED + 2);

        ChromeDriver browser = chromium();
        try {
            browser.get(StatusHttp.of(context).url("/"));
            JavascriptExecutor js = browser;
            awaitText(browser, "#known", format(known));
            assertThat(text(browser, "#loaded")).isEqualTo("0");
            js.executeScript("window.__sameDocument = 'yes'");

            // the load runs: the count rises in the page, which is never reloaded
            context.getRouteController().startRoute("load");
            List<Long> seen = new ArrayList<>();
            AtomicBoolean screenshot = new AtomicBoolean();
            onThePage("the page shows all records loaded").pollInterval(Duration.ofMillis(100)).until(() -> {
                long shown = Long.parseLong(text(browser, "#loaded").replace(",", ""));
                if (seen.isEmpty() || seen.get(seen.size() - 1) != shown) {
                    seen.add(shown);
                }
                if (shown > known / 3 && !screenshot.getAndSet(true)) {
                    save(browser, "status-page-loading.png");
                }
                return shown >= known;
            });
            assertThat(seen).as("loaded counts the page showed").isSorted()
                    .filteredOn(n -> n > 0 && n < known).as("counts shown while loading").hasSizeGreaterThan(2);
            assertThat(js.executeScript("return window.__sameDocument")).as("no reload").isEqualTo("yes");

            // the end: exactly the table's count, every file loaded
            long rows = count("select count(*) from adult");
            assertThat(rows).isEqualTo(known);
            awaitText(browser, "#state", "loaded");
            assertThat(text(browser, "#loaded")).isEqualTo(format(rows));
            assertThat(text(browser, "#percent")).isEqualTo("100.0%");
            onThePage("every file loaded").untilAsserted(() -> {
                assertThat(browser.findElements(By.cssSelector("#files tbody tr")))
                        .extracting(row -> row.findElement(By.cssSelector("td")).getText())
                        .containsExactlyInAnyOrder("raw/adult.data", "raw/adult.test", PLANTED);
                assertThat(browser.findElements(By.cssSelector("#files td.state-loaded")))
                        .extracting(WebElement::getText).containsExactly("loaded", "loaded", "loaded");
            });

            // the instances: this one, alive, with the batches it committed and the versions it refined
            String self = (String) TestDb.rows(dataSource, "select instance_name from qrtz_scheduler_state").get(0)
                    .get("instance_name");
            long batchesBySelf = count("select count(*) from adult_load_batch where instance = '" + self + "'");
            long lastBySelf = count("select max(batch_no) from adult_load_batch where instance = '" + self + "'");
            long refinedBySelf = count("select count(*) from adult_refined where last_part and refined_by = '" + self + "'");
            assertThat(refinedBySelf).isEqualTo(3);
            // instance, state, last check-in (a time of day), batches, last batch, versions refined, refining now
            String expected = Pattern.quote(self + " (this instance)|alive|") + "\\d\\d:\\d\\d:\\d\\d"
                    + Pattern.quote("|" + format(batchesBySelf) + "|#" + lastBySelf + "|" + format(refinedBySelf) + "|0");
            onThePage("a row of #instances matching " + expected).until(() -> browser.findElements(
                    By.cssSelector("#instances tbody tr")).stream().map(row -> String.join("|", row.findElements(
                            By.cssSelector("td")).stream().map(WebElement::getText).toList()))
                    .anyMatch(row -> row.matches(expected)));
            awaitText(browser, "#last-batch-by", "batch #" + count("select max(batch_no) from adult_load_batch")
                    + " was committed by " + self);

            // the planted file's rejects: by rule as the table counts them, each line as text
            Map<String, Long> byRule = new java.util.HashMap<>();
            for (Map<String, Object> row : TestDb.rows(dataSource, "select rule, count(*) as n from adult_rejects "
                    + "where source_key = '" + PLANTED + "' group by rule")) {
                byRule.put((String) row.get("rule"), ((Number) row.get("n")).longValue());
            }
            assertThat(byRule.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
            awaitText(browser, "#reject-file option:checked", PLANTED + " (6 rejected)");
            awaitCount(browser, "#reject-rows tbody tr", 6);
            onThePage("the rejects by rule").untilAsserted(() -> {
                Map<String, Long> shownByRule = new java.util.HashMap<>();
                for (WebElement bar : browser.findElements(By.cssSelector("#rejects-by-rule svg g"))) {
                    List<WebElement> labels = bar.findElements(By.cssSelector("text"));
                    shownByRule.put(labels.get(0).getText(), Long.parseLong(labels.get(1).getText()));
                }
                assertThat(shownByRule).isEqualTo(byRule);
            });
            List<String> raws = TestDb.rows(dataSource, "select raw from adult_rejects where source_key = '" + PLANTED
                    + "' order by source_line").stream().map(r -> (String) r.get("raw")).toList();
            onThePage("the rejected lines").untilAsserted(() -> assertThat(browser.findElements(
                    By.cssSelector("#reject-rows td.raw"))).extracting(WebElement::getText).containsExactlyElementsOf(raws));
            assertThat(raws).anyMatch(raw -> raw.contains("<script>window.__pwned=1</script>"))
                    .anyMatch(raw -> raw.contains("<img src=x onerror=\"window.__pwned=1\">"))
                    .anyMatch(raw -> raw.contains("<svg onload=window.__pwned=1>"));
            assertThat(js.executeScript("return typeof window.__pwned")).as("no planted script ran").isEqualTo("undefined");
            assertThat(js.executeScript("return document.querySelectorAll('img, b, svg[onload], main script').length"))
                    .as("no planted element in the page").isEqualTo(0L);

            // the charts are drawn: a bar per batch, a bar per group of the insight view
            long batches = count("select count(*) from adult_load_batch");
            awaitCount(browser, "#batch-chart svg rect.bar", (int) batches);
            awaitCount(browser, "#batch-chart svg polyline.millis", 1);
            awaitCount(browser, "#insight-education svg rect.bar",
                    (int) count("select count(*) from adult_income_by_dimension where dimension = 'education'"));
            awaitCount(browser, "#insight-sex svg rect.bar", 2);
            awaitCount(browser, "#insight-age-band svg rect.bar", 6);
            awaitCount(browser, "#insight-hours-band svg rect.bar", 6);
            // the insight view runs again a little after the last batch (at most every 10x its run time)
            onThePage("the insight of the last batch").until(() -> {
                String asOf = text(browser, "#insight-as-of");
                return asOf.startsWith("as of batch " + batches + ",") && !asOf.contains("on their way");
            });
            List<String> bySex = TestDb.rows(dataSource, "select pct_people_over_50k as pct, records from "
                    + "adult_income_by_dimension where dimension = 'sex' order by value").stream()
                    .map(r -> r.get("pct") + "% of " + format(((Number) r.get("records")).longValue())).toList();
            onThePage("the insight by sex").untilAsserted(() -> assertThat(browser.findElements(
                    By.cssSelector("#insight-sex svg text"))).extracting(WebElement::getText)
                    .containsExactly("Female", bySex.get(0), "Male", bySex.get(1)));
            // the self-audit's verdict, as of the last batch (it runs every 500 ms here)
            onThePage("the audit of the last batch")
                    .until(() -> text(browser, "#audit-as-of").contains("as of batch " + batches + ","));
            assertThat(text(browser, "#audit-verdict")).isEqualTo("consistent");
            assertThat(text(browser, "#audit-waiting")).isEqualTo("no version waits");
            save(browser, "status-page.png");

            // nothing went wrong in the page: no script error, no blocked content (CSP), no failed request
            List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertThat(problems).as("browser console").isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** Debian's chromium through its chromedriver, both named explicitly, so Selenium Manager never runs. */
    private static ChromeDriver chromium() throws IOException {
        Path profile = Files.createDirectories(Path.of("target/it/StatusPageIT-chromium-profile"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1400,2100", "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String text(ChromeDriver browser, String selector) {
        return browser.findElement(By.cssSelector(selector)).getText();
    }

    /** A wait on what the page shows; an element the page redraws meanwhile is looked up again at the next poll. */
    private static ConditionFactory onThePage(String what) {
        return TestDb.waiting(what, TIMEOUT).ignoreExceptionsInstanceOf(StaleElementReferenceException.class);
    }

    private static void awaitText(ChromeDriver browser, String selector, String expected) {
        onThePage(selector + " shows " + expected).until(() -> {
            List<WebElement> found = browser.findElements(By.cssSelector(selector));
            return !found.isEmpty() && found.get(0).getText().equals(expected);
        });
    }

    private static void awaitCount(ChromeDriver browser, String selector, int expected) {
        onThePage(expected + " of " + selector)
                .until(() -> browser.findElements(By.cssSelector(selector)).size() == expected);
    }

    private static void save(ChromeDriver browser, String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String format(long number) {
        return NumberFormat.getIntegerInstance(Locale.US).format(number);
    }
}
