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
    wire = driver.find_element("xpath", "//h3[text()='Wire request']/following-sibling::pre[1]").text
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
