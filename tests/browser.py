"""A headless Debian chromium driven by Selenium (Debian's chromium-driver), for the explorer tests.

Network is never used: the page is opened from a file, and every request the browser makes
is recorded (Chrome's performance log, the DevTools ``Network`` events) so a test can prove
that none left the file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from conftest import require_binary, unavailable

CHROMIUM_ARGS = ("--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                 "--disable-extensions", "--window-size=1600,1000", "--lang=da-DK")


def start_chromium():
    """A Selenium Chrome driver on ``/usr/bin/chromium`` with a fresh profile; ``(driver, profile_dir)``."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (pip install -e '.[test]')")
    browser = os.environ.get("CHROMIUM") or require_binary("chromium", "apt-get install chromium")
    driver_path = require_binary("chromedriver", "apt-get install chromium-driver")
    profile = tempfile.mkdtemp(prefix="orggraph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in (*CHROMIUM_ARGS, f"--user-data-dir={profile}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    return driver, profile


def stop_chromium(driver, profile: str) -> None:
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def requested_urls(driver) -> list[str]:
    """Every URL the page asked for since the last call (DevTools ``Network.requestWillBeSent``)."""
    import json

    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def screenshot_dir(fallback: Path) -> Path:
    """Where screenshots go for review: ``$ORGGRAPH_SCREENSHOTS`` (a CI artefact folder), else ``fallback``."""
    folder = Path(os.environ.get("ORGGRAPH_SCREENSHOTS") or fallback)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def main(argv: list[str]) -> None:
    """``python tests/browser.py PAGE.html '#id=…&date=…' OUT.png``: a screenshot of the page in that view,
    as the README shows it (exports/explorer/explorer.png)."""
    import sys
    import time

    sys.path.insert(0, str(Path(__file__).parent))
    page, hash_, out = argv
    driver, profile = start_chromium()
    try:
        driver.get(Path(page).resolve().as_uri() + hash_)
        time.sleep(1.0)
        driver.save_screenshot(out)
    finally:
        stop_chromium(driver, profile)


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    main(sys.argv[1:])
