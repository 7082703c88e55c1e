"""The generated docs site in a real browser (the system Chromium, headless).

The site is opened from disk (file://, no server, no network). Chromium and
chromedriver come from the system packages (Debian ``chromium`` and
``chromium-driver``; .ci/run installs them); nothing is downloaded. Without
them the tests skip, unless KSYUN_REQUIRE_BROWSER=1 (set in CI) makes that a
failure. The accessibility pass runs axe-core, installed by ``npm ci`` in
tests/docs/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, GENERATED, run_cli

CHROMIUM = Path(os.environ.get("KSYUN_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("KSYUN_CHROMEDRIVER", "/usr/bin/chromedriver"))
AXE = Path(__file__).resolve().parent / "docs" / "node_modules" / "axe-core" / "axe.min.js"
REQUIRE = os.environ.get("KSYUN_REQUIRE_BROWSER") == "1"


def _missing() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.exists():
            return f"{path} is missing (apt-get install {package})"
    if not AXE.exists():
        return f"{AXE} is missing (cd tests/docs && npm ci)"
    return ""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    why = _missing()
    if why:
        if REQUIRE:
            pytest.fail(f"KSYUN_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--lang=zh-CN"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    drv.set_page_load_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs of tests/fixtures/docs (paging, a write action, hostile descriptions)."""
    out = tmp_path_factory.mktemp("docs-site")
    code, _out, err = run_cli("generate", "--spec", FIXTURES / "docs", "--out", out, "--target", "docs")
    assert code == 0, err
    return out / "docs" / "html"


SITES = {"committed": GENERATED / "docs" / "html"}


def _site(name: str, fixture_site: Path) -> Path:
    return SITES[name] if name in SITES else fixture_site


def _pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def _open(driver: Any, page: Path) -> list[dict[str, Any]]:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(page.as_uri())
    return [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "WARNING")]


@pytest.mark.parametrize("site", ["committed", "fixture"])
def test_every_page_loads_without_console_errors_and_every_link_resolves(
        driver: Any, fixture_site: Path, site: str) -> None:
    root = _site(site, fixture_site)
    pages = _pages(root)
    assert len(pages) >= 5
    targets: set[str] = set()
    for page in pages:
        problems = _open(driver, page)
        assert problems == [], f"{page.relative_to(root)}: {problems}"
        assert driver.find_element("css selector", "h1").text.strip()
        assert driver.find_elements("css selector", "input[type=search]"), page
        hrefs = driver.execute_script(
            "return Array.from(document.querySelectorAll('a[href]'), a => a.href)")
        targets.update(h.split("#")[0] for h in hrefs)
    assert all(t.startswith("file://") for t in targets), [t for t in targets if not t.startswith("file")]
    for target in sorted(targets):
        driver.get(target)
        assert driver.execute_script("return document.readyState") == "complete"
        assert not driver.current_url.startswith("chrome-error"), target
        assert driver.find_elements("css selector", "h1"), f"{target} did not load"


def _search(driver: Any, page: Path, text: str) -> list[tuple[str, str]]:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(page.as_uri())
    box = driver.find_element("css selector", "input[type=search]")
    box.clear()
    box.send_keys(text)
    WebDriverWait(driver, 5).until(
        lambda d: d.find_element("id", "search-status").text.strip() != "")
    return [(a.text, a.get_attribute("href"))
            for a in driver.find_elements("css selector", "#search-results a")]


def _result_texts(driver: Any) -> list[str]:
    return [li.text for li in driver.find_elements("css selector", "#search-results li")]


def test_search_finds_describe_images_by_chinese_summary_and_by_field_name(driver: Any) -> None:
    root = SITES["committed"]
    action_page = root / "kec" / "2016-03-04" / "DescribeImages.html"
    for page in (root / "index.html", action_page, root / "kec" / "2016-03-04" / "shapes" / "Image.html"):
        by_summary = _search(driver, page, "查询镜像")
        assert "DescribeImages" in [t for t, _ in by_summary], page
        assert all("查询镜像" in text for text in _result_texts(driver)), page
        by_field = _search(driver, page, "SnapshotId")  # a field two levels down
        assert "DescribeImages" in [t for t, _ in by_field]
        href = dict(by_field)["DescribeImages"]
        assert href == action_page.as_uri()
    driver.get(href)
    assert driver.find_element("css selector", "h1").text == "DescribeImages"
    assert _search(driver, root / "index.html", "NoSuchThingAnywhere") == []
    assert driver.find_element("id", "search-status").text == "No match."


def test_markup_in_descriptions_shows_as_text(driver: Any, fixture_site: Path) -> None:
    page = fixture_site / "shop" / "2021-05-01" / "CreateWidget.html"
    assert _open(driver, page) == []
    row = driver.find_element("xpath", "//tr[th/code[text()='WidgetName']]")
    assert '名称 </script><b>x</b> "quoted" {{ 7*7 }} a|b' in row.text
    assert row.find_elements("css selector", "b") == []
    assert driver.execute_script("return document.querySelectorAll('main script').length") == 0
    wire = driver.find_element("xpath", "//h3[text()='Wire request']/following-sibling::div[1]//pre").text
    assert "WidgetName=my%20widget%20%26%20co" in wire


def _no_horizontal_scroll(driver: Any, width: int, shot: Path) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 844 if width < 500 else 900,
        "deviceScaleFactor": 1, "mobile": width < 500})
    try:
        driver.refresh()
        scroll, inner = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        assert inner == width
        assert scroll <= inner, f"{driver.current_url} scrolls sideways at {width}px ({scroll} > {inner})"
        assert driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 1000
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("width", [390, 1280])
def test_no_horizontal_scrolling(driver: Any, fixture_site: Path, tmp_path: Path, width: int) -> None:
    pages = [*_pages(SITES["committed"]), *_pages(fixture_site)]
    for i, page in enumerate(pages):
        driver.get(page.as_uri())
        _no_horizontal_scroll(driver, width, tmp_path / f"{i}-{width}.png")


def _axe(driver: Any) -> list[dict[str, Any]]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
    return list(result)


@pytest.mark.parametrize("site", ["committed", "fixture"])
def test_accessibility_axe_finds_no_serious_violation(driver: Any, fixture_site: Path, site: str) -> None:
    driver.set_script_timeout(60)
    for page in _pages(_site(site, fixture_site)):
        driver.get(page.as_uri())
        # with search results shown too: they are part of every page
        driver.find_element("css selector", "input[type=search]").send_keys("Describe")
        found = [v for v in _axe(driver) if v["impact"] in ("serious", "critical")]
        assert found == [], f"{page.name}: {found}"


def test_headings_in_order_and_chinese_text_marked(driver: Any) -> None:
    page = SITES["committed"] / "kec" / "2016-03-04" / "DescribeImages.html"
    driver.get(page.as_uri())
    levels = driver.execute_script(
        "return Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'), h => +h.tagName[1])")
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), levels
    summary = driver.find_element("css selector", "p.summary")
    assert summary.text == "查询镜像信息" and summary.get_attribute("lang") == "zh-CN"
    assert driver.execute_script("return document.characterSet") == "UTF-8"


def test_chinese_text_is_drawn_with_real_glyphs(driver: Any) -> None:
    """In the summary's own font, two different Chinese characters make two different
    pictures (with no CJK font both would be the same empty box)."""
    driver.get((SITES["committed"] / "kec" / "2016-03-04" / "DescribeImages.html").as_uri())
    first, second, ink = driver.execute_script("""
        const font = getComputedStyle(document.querySelector('p.summary')).font;
        const draw = ch => {
            const c = document.createElement('canvas'); c.width = 64; c.height = 64;
            const g = c.getContext('2d'); g.font = font; g.fillStyle = '#000';
            g.fillText(ch, 4, 48);
            return Array.from(g.getImageData(0, 0, 64, 64).data).join(',');
        };
        const a = draw('镜'), b = draw('像');
        return [a, b, a.split(',').filter(v => v !== '0').length];
    """)
    assert ink > 50, "nothing was drawn"
    assert first != second, "Chinese characters render as identical boxes: no CJK font"


def test_the_browser_binaries_are_the_system_ones() -> None:
    """CI installs Chromium from the system packages; nothing is downloaded."""
    if not REQUIRE and _missing():
        pytest.skip(_missing())
    assert shutil.which(str(CHROMIUM)) and shutil.which(str(CHROMEDRIVER))


def test_axe_pass_is_not_vacuous(driver: Any, tmp_path: Path) -> None:
    """The same axe run flags a page with an unlabelled input and pale text."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>bad</title></head>'
                   '<body><main><h1>x</h1><input type="search">'
                   '<p style="color:#ccc;background:#fff">pale text</p></main></body></html>',
                   encoding="utf-8")
    driver.get(bad.as_uri())
    ids = {v["id"] for v in _axe(driver) if v["impact"] in ("serious", "critical")}
    assert {"label", "color-contrast"} <= ids, ids


# ---- every language, readable tables, search and keyboard ---------------------------

LANGUAGES = ["Python", "TypeScript", "Go"]


def _action_pages(root: Path) -> list[Path]:
    return [p for p in _pages(root) if p.parent.name != "shapes" and p.name != "index.html"]


@pytest.mark.parametrize("site", ["committed", "fixture"])
def test_every_action_page_shows_every_language_a_wire_request_and_a_response(
        driver: Any, fixture_site: Path, site: str) -> None:
    root = _site(site, fixture_site)
    pages = _action_pages(root)
    assert pages
    for page in pages:
        driver.get(page.as_uri())
        tabs = [t.text for t in driver.find_elements("css selector", "[role=tab]")]
        assert tabs[:3] == LANGUAGES, (page.name, tabs)
        panels = driver.find_elements("css selector", "[role=tabpanel]")
        assert len(panels) == len(tabs) and sum(p.is_displayed() for p in panels) == 1, page.name
        assert driver.find_elements("css selector", "[role=tabpanel] pre.code span"), "not highlighted"
        wire = driver.find_element("xpath", "//h3[text()='Wire request']/following-sibling::div[1]//pre").text
        assert "Action=" in wire and "Version=" in wire, page.name
        response = driver.find_element("xpath", "//h3[text()='Response']/following-sibling::div[1]//pre").text
        assert '"RequestId"' in response, page.name  # scalars too, not just objects
        # no empty section: every table has a row, every heading some content after it
        empty = driver.execute_script(
            "return Array.from(document.querySelectorAll('table')).filter(t => !t.tBodies[0]"
            " || t.tBodies[0].rows.length === 0).map(t => t.caption && t.caption.textContent)")
        assert empty == [], (page.name, empty)


_BROKEN_WORDS = """
const out = [];
const cells = document.querySelectorAll(
  'main th[scope=row] code, main .word, main thead th, main td.nowrap, main dl.facts code:not(.path)');
for (const el of cells) {
  if (!el.offsetParent) continue;  // hidden (a closed tab)
  const range = document.createRange();
  range.selectNodeContents(el);
  const tops = new Set();
  for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
  if (tops.size > 1) out.push(el.textContent.slice(0, 60) + ' (' + tops.size + ' lines)');
}
for (const pre of document.querySelectorAll('pre.code')) {
  if (getComputedStyle(pre).whiteSpace !== 'pre') out.push('wrapped code block');
}
return out;
"""


def _at_width(driver: Any, width: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 844 if width < 500 else 900, "deviceScaleFactor": 1, "mobile": width < 500})


@pytest.mark.parametrize("width", [390, 1280])
def test_no_name_type_or_code_is_broken_inside_a_word(driver: Any, fixture_site: Path, width: int) -> None:
    """Every name, type, error code, status and class name is drawn on one line (the
    Range of its text has one line box); only descriptions wrap; code never wraps."""
    pages = [*_pages(SITES["committed"]), *_pages(fixture_site)]
    measured = 0
    try:
        _at_width(driver, width)
        for page in pages:
            driver.get(page.as_uri())
            broken = driver.execute_script(_BROKEN_WORDS)
            assert broken == [], f"{page.name} at {width}px: {broken[:5]}"
            measured += driver.execute_script(
                "return document.querySelectorAll('main th[scope=row] code, main .word').length")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert measured > 500


def test_rows_are_stacked_cards_at_390px(driver: Any) -> None:
    page = SITES["committed"] / "kec" / "2016-03-04" / "DescribeImages.html"
    try:
        _at_width(driver, 390)
        driver.get(page.as_uri())
        display, label = driver.execute_script(
            "const th = document.querySelector('table.fields tbody th');"
            "return [getComputedStyle(th.parentElement).display,"
            " getComputedStyle(th, '::before').content];")
        assert display == "block" and label == '"Name"'
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_json_body_in_an_error_message_is_code_collapsed(driver: Any) -> None:
    page = SITES["committed"] / "kec" / "2016-03-04" / "DescribeImages.html"
    driver.get(page.as_uri())
    row = driver.find_element("xpath", "//table[contains(@class,'errors')]//tr[th/code[text()='ServiceUnavailable']]")
    details = row.find_element("css selector", "details.long")
    assert details.get_attribute("open") is None
    assert "Show the JSON" in details.find_element("css selector", "summary").text
    assert not details.find_element("css selector", "pre").is_displayed()
    details.find_element("css selector", "summary").click()
    assert '"ServiceUnavailable"' in details.find_element("css selector", "pre").text


def _results(driver: Any) -> list[tuple[str, int]]:
    return [(li.find_element("css selector", "a").text, int(li.get_attribute("data-score")))
            for li in driver.find_elements("css selector", "#search-results li")]


@pytest.mark.parametrize("query, first", [
    ("describe_images", "DescribeImages"),  # Python
    ("describeImages", "DescribeImages"),  # TypeScript
    ("DescribeImages", "DescribeImages"),  # wire and Go
    ("ImageIdInvalidParameterValue", "ImageIdInvalidParameterValue"),  # code and exception class
    ("run_instances", "RunInstances"),
    ("paginate_describe_instances", "DescribeInstances"),  # the Python paginator
])
def test_search_ranks_what_people_type_first(driver: Any, query: str, first: str) -> None:
    _search(driver, SITES["committed"] / "index.html", query)
    results = _results(driver)
    assert results and results[0][0] == first, results[:5]
    scores = [score for _name, score in results]
    assert scores == sorted(scores, reverse=True), results  # exact > prefix > substring


def test_search_ranks_exact_then_prefix_then_substring(driver: Any) -> None:
    _search(driver, SITES["committed"] / "index.html", "subnet")
    results = _results(driver)
    names = [n for n, _s in results]
    assert names[0] == "Subnet" and results[0][1] == 6  # the exact name
    actions = [n for n in names if n.startswith(("Describe", "Run"))]
    assert actions[0] == "DescribeSubnets", names  # the action named for it before those with a field
    _search(driver, SITES["committed"] / "index.html", "ImageIdInvalidParameterValue")
    assert [n for n, _s in _results(driver)][:2] == ["ImageIdInvalidParameterValue", "DescribeImages"]
    _search(driver, SITES["committed"] / "index.html", "subnet_id")  # a field, as Python spells it
    results = _results(driver)
    assert {"DescribeSubnets", "RunInstances", "Subnet"} <= {n for n, _s in results}
    exact = {n for n, s in results if s == 5}  # an exact match of a field, on every entry that has it
    assert {"DescribeSubnets", "RunInstances", "Subnet"} <= exact
    assert ("InvalidSubnetId.NotFound", 2) in results  # a name holding it: after them
    _search(driver, SITES["committed"] / "index.html", "镜像")
    assert "DescribeImages" in [n for n, _s in _results(driver)]


def test_search_keyboard(driver: Any) -> None:
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    root = SITES["committed"]
    driver.get((root / "kec" / "2016-03-04" / "RunInstances.html").as_uri())
    body = driver.find_element("css selector", "body")
    body.send_keys("/")
    box = driver.switch_to.active_element
    assert box.get_attribute("id") == "search"
    box.send_keys("describe_images")
    WebDriverWait(driver, 5).until(lambda d: d.find_elements("css selector", "#search-results a"))
    box.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.text == "DescribeImages"
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    second = driver.switch_to.active_element.text
    assert second and second != "DescribeImages"
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element.get_attribute("id") == "search"
    box.send_keys(Keys.ESCAPE)
    assert box.get_attribute("value") == "" and driver.find_elements("css selector", "#search-results li") == []
    box.send_keys("describeImages")
    WebDriverWait(driver, 5).until(lambda d: d.find_elements("css selector", "#search-results a"))
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: d.current_url.endswith("/DescribeImages.html"))
    assert driver.find_element("css selector", "h1").text == "DescribeImages"


def test_tabs_work_by_keyboard_and_the_choice_is_remembered(driver: Any) -> None:
    from selenium.webdriver.common.keys import Keys

    root = SITES["committed"] / "kec" / "2016-03-04"
    driver.get((root / "DescribeImages.html").as_uri())
    driver.execute_script("localStorage.clear()")
    driver.refresh()

    def selected() -> str:
        return str(driver.find_element("css selector", "[role=tab][aria-selected=true]").text)

    assert selected() == "Python"
    first = driver.find_element("css selector", "[role=tab]")
    first.send_keys(Keys.ARROW_RIGHT)
    assert selected() == "TypeScript" and driver.switch_to.active_element.text == "TypeScript"
    visible = [p for p in driver.find_elements("css selector", "[role=tabpanel]") if p.is_displayed()]
    assert len(visible) == 1 and "await client.describeImages" in visible[0].text
    driver.switch_to.active_element.send_keys(Keys.END)
    assert selected() == "Go"
    driver.switch_to.active_element.send_keys(Keys.HOME)
    assert selected() == "Python"
    driver.find_element("xpath", "//button[@role='tab'][text()='Go']").click()
    driver.get((root / "RunInstances.html").as_uri())  # another page: the same language
    assert selected() == "Go"
    assert [p for p in driver.find_elements("css selector", "[role=tabpanel]") if p.is_displayed()][0] \
        .text.find("RunInstances") >= 0
    driver.execute_script("localStorage.clear()")


def test_copy_button_and_sidebar(driver: Any) -> None:
    page = SITES["committed"] / "vpc" / "2016-03-04" / "DescribeSubnets.html"
    driver.get(page.as_uri())
    current = driver.find_element("css selector", ".sidebar a[aria-current=page]")
    assert current.text == "DescribeSubnets"
    assert driver.execute_script("return arguments[0].closest('details').open", current)
    kec = driver.find_element("xpath", "//nav[contains(@class,'sidebar')]//details/summary[text()='kec']")
    assert not driver.execute_script("return arguments[0].parentElement.open", kec)
    kec.click()  # collapsible
    assert driver.execute_script("return arguments[0].parentElement.open", kec)
    crumbs = [a.text for a in driver.find_elements("css selector", "nav.crumbs li")]
    assert crumbs == ["Services", "vpc 2016-03-04", "DescribeSubnets"]
    button = driver.find_element("css selector", "[role=tabpanel]:not([hidden]) button.copy")
    button.click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 5).until(lambda d: d.find_element("id", "copy-status").get_attribute("textContent"))
    assert _open(driver, page) == []


def test_dark_mode_follows_the_system_and_stays_accessible(driver: Any) -> None:
    driver.set_script_timeout(60)
    page = SITES["committed"] / "kec" / "2016-03-04" / "DescribeImages.html"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        driver.get(page.as_uri())
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(17, 20, 24)", background
        found = [v for v in _axe(driver) if v["impact"] in ("serious", "critical")]
        assert found == [], found
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
