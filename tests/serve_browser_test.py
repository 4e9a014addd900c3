#!/usr/bin/env python3
"""serve_browser_test.py - the dashboard in headless Chromium (python3-selenium
with Debian's chromium and chromedriver); run by tests/test_serve.sh.

Usage: serve_browser_test.py BASE_URL TOKEN BURST_DIR SHOT_DIR PROFILE_DIR

Opens every page, searches with and without accents, opens a relation and
checks its chart and events table, watches a live alert appear on the
overview after a POST ingest of pages that raise one, checks that page text
is never markup, and saves screenshots at 1366x768 and 390x844 into
SHOT_DIR (their sizes are checked).  Prints "ok NAME" / "FAIL NAME: why" and
"N passed, N failed".
"""
import os
import sys
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from serve_common import check, finish

BASE, TOKEN, BURST, SHOTS, PROFILE = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]


def wait(fn, timeout=20.0):
    """fn() until truthy (returned) or timeout (None); exceptions count as not yet."""
    end = time.time() + timeout
    while time.time() < end:
        try:
            v = fn()
            if v:
                return v
        except Exception:
            pass
        time.sleep(0.2)
    return None


opts = webdriver.ChromeOptions()
opts.binary_location = "/usr/bin/chromium"
for a in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--user-data-dir=" + PROFILE, "--window-size=1366,768"]:
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
drv.set_page_load_timeout(30)
drv.set_script_timeout(30)

try:
    # the token, as a user types it once per session
    drv.get(BASE + "/")
    check("token prompt shown", wait(lambda: drv.find_element(By.ID, "tokenform").is_displayed()), "no prompt")
    drv.find_element(By.ID, "token").send_keys(TOKEN)
    drv.find_element(By.CSS_SELECTOR, "#tokenform button").click()

    # overview
    check("overview: alerts box", wait(lambda: drv.find_element(By.ID, "alerts")))
    check("overview: map drawn", wait(lambda: len(drv.find_elements(By.CSS_SELECTOR, "#map path.country")) > 100))
    check("overview: map colours countries", wait(lambda: len(drv.find_elements(By.CSS_SELECTOR, "#map path[data-country]")) > 10))
    check("overview: movers with sparklines", wait(lambda: len(drv.find_elements(By.CSS_SELECTOR, "#movers .spark canvas")) > 0))
    check("overview: Vietnamese by default", drv.find_element(By.CSS_SELECTOR, "#nav a").text == "Tổng quan")
    check("overview: stream connected", wait(lambda: drv.find_element(By.ID, "status").text == "Đang theo dõi cảnh báo"))
    time.sleep(1)
    shot = os.path.join(SHOTS, "serve-overview-1366x768.png")
    drv.save_screenshot(shot)

    # a live alert: POST the burst while the overview is open
    before = len(drv.find_elements(By.CSS_SELECTOR, "#alerts .alert"))
    for n in sorted(f for f in os.listdir(BURST) if f.startswith("burst")):
        req = urllib.request.Request(BASE + "/api/v1/ingest?name=" + urllib.parse.quote("burst2/" + n),
                                     data=open(os.path.join(BURST, n), "rb").read(), method="POST",
                                     headers={"Authorization": "Bearer " + TOKEN})
        urllib.request.urlopen(req, timeout=60).read()
    t0 = time.time()
    fresh = wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#alerts .alert.fresh"), 20)
    check("live alert appears on the overview", fresh, "no new alert (had %d)" % before)
    if fresh:
        print("info: alert on the page %.2f s after the last POST returned" % (time.time() - t0))
        check("live alert shows its evidence", fresh[0].find_elements(By.CSS_SELECTOR, "a[href^='#/article/']"))
    drv.save_screenshot(os.path.join(SHOTS, "serve-overview-alert-1366x768.png"))

    # language switch
    drv.find_element(By.ID, "lang").click()
    check("English switch", wait(lambda: drv.find_element(By.CSS_SELECTOR, "#nav a").text == "Overview"))
    drv.find_element(By.ID, "lang").click()
    wait(lambda: drv.find_element(By.CSS_SELECTOR, "#nav a").text == "Tổng quan")

    # search, without and with accents
    counts = {}
    for q in ["ngoai giao", "ngoại giao"]:
        drv.get(BASE + "/#/search?q=" + urllib.parse.quote(q))
        drv.refresh()
        hits = wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#search-results .hit"))
        check("search '%s' finds" % q, hits)
        check("search '%s' highlights" % q, wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#search-results .hit mark")))
        check("search '%s' chart" % q, wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#hist canvas")))
        counts[q] = drv.find_element(By.ID, "result-count").text
    check("accent-free and accented searches both match", all(counts.values()), counts)
    drv.find_element(By.ID, "q").clear()
    drv.find_element(By.ID, "q").send_keys("hợp tác")
    drv.find_element(By.CSS_SELECTOR, "#searchform button").click()
    check("search form sets a shareable URL", wait(lambda: "q=h%E1%BB%A3p" in drv.current_url or "q=h%E1%BB%A3p+t" in drv.current_url
                                                  or "hợp" in urllib.parse.unquote(drv.current_url)), drv.current_url)

    # relation page
    drv.get(BASE + "/#/relation/VNM/USA?by=week")
    drv.refresh()
    check("relation: chart", wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#timeline .uplot canvas")))
    rows = wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#events-table tbody tr"))
    check("relation: events table", rows and len(rows) > 3, rows and len(rows))
    check("relation: event words marked in the sentence", wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#events-table td.sentence mark")))
    check("relation: CSV buttons", len(drv.find_elements(By.CSS_SELECTOR, "button.csv")) >= 3)
    drv.save_screenshot(os.path.join(SHOTS, "serve-relation-1366x768.png"))

    # the other pages
    for path, sel in [("#/stories", "#stories-table tbody tr"), ("#/story/1", "#story-articles tbody tr"),
                      ("#/actors", "#actors-table tbody tr"), ("#/actor/VNM", "#relations-table tbody tr"),
                      ("#/commitments", "#commitments-table tbody tr"), ("#/article/1", "main h1")]:
        drv.get(BASE + "/" + path)
        drv.refresh()
        found = wait(lambda: drv.find_elements(By.CSS_SELECTOR, sel))
        check("page " + path, found and not drv.find_elements(By.CSS_SELECTOR, "main .error"),
              [e.text for e in drv.find_elements(By.CSS_SELECTOR, "main .error")])

    # a page title with markup is shown as text, never run
    req = urllib.request.Request(BASE + "/api/v1/search?q=alert", headers={"Authorization": "Bearer " + TOKEN})
    import json
    hits = json.loads(urllib.request.urlopen(req, timeout=30).read())["items"]
    hostile = [h for h in hits if "<script>" in (h["title"] or "")]
    if hostile:
        drv.get(BASE + "/#/article/%d" % hostile[0]["id"])
        drv.refresh()
        h1 = wait(lambda: drv.find_element(By.CSS_SELECTOR, "main h1").text)
        check("markup in a title is text", h1 and "<script>alert(1)</script>" in h1, h1)
        check("no script element from page text", not drv.find_elements(By.CSS_SELECTOR, "main script"))
    else:
        check("hostile page present (ingested by the API test)", False, "not found")
    drv.get(BASE + "/#/search?q=alert")
    drv.refresh()
    wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#search-results .hit"))
    check("markup in a title is text in results", any("<script>" in e.text for e in drv.find_elements(By.CSS_SELECTOR, "#search-results .hit a")))

    # phone size
    drv.set_window_size(390, 844)
    drv.get(BASE + "/#/")
    drv.refresh()
    wait(lambda: len(drv.find_elements(By.CSS_SELECTOR, "#map path.country")) > 100)
    time.sleep(0.5)
    drv.save_screenshot(os.path.join(SHOTS, "serve-overview-390x844.png"))
    width = drv.execute_script("return document.documentElement.scrollWidth")
    check("phone: no horizontal page scroll", width <= 400, width)

    errors = [e for e in drv.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]
              and "401" not in e["message"] and "Unauthorized" not in e["message"]]
    check("no JavaScript errors", not errors, errors[:3])
finally:
    drv.quit()

for name, w, h in [("serve-overview-1366x768.png", 1366, 768), ("serve-overview-390x844.png", 390, 844)]:
    p = os.path.join(SHOTS, name)
    data = open(p, "rb").read() if os.path.exists(p) else b""
    check("screenshot " + name + " is a PNG", data[:8] == b"\x89PNG\r\n\x1a\n")
    check("screenshot " + name + " has content (> 20 kB)", len(data) > 20480, len(data))
    if len(data) > 24:
        pw, ph = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        check("screenshot " + name + " size", pw == w and ph <= h and ph > h * 0.7, (pw, ph))

finish()
