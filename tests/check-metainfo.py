#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the built metainfo (issue 14): `appstreamcli validate --pedantic`
and `appstream-util validate` pass with nothing to say but the one hint
below; its newest release is the version meson builds; it has homepage and
bug-tracker URLs; every screenshot is a file in data/screenshots, 1400×900,
served from the homepage's repository. Skipped, with the reason, when
neither validator is installed (exit status 77).

The one hint allowed: "cid-contains-uppercase-letter". The id
io.github.qingfeng.Qingfeng is also the desktop file's name, the settings
schema's id and path and the D-Bus name; renaming it would lose every
user's settings for a pedantic hint.

Usage: check-metainfo.py SOURCE-ROOT METAINFO-FILE
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT, METAINFO = sys.argv[1:3]
ALLOWED = {"cid-contains-uppercase-letter"}
failures = 0


def check(condition, message):
    global failures
    if not condition:
        failures += 1
        print("FAIL:", message)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def validate():
    ran = []
    tool = shutil.which("appstreamcli")
    if tool:
        ran.append("appstreamcli")
        done = subprocess.run([tool, "validate", "--pedantic", "--no-net", METAINFO],
                              capture_output=True, text=True)
        tags = re.findall(r"^[EWIP]: \S+: ([a-z0-9-]+)", done.stdout, re.M)
        check(done.returncode == 0, "appstreamcli validate --pedantic passes:\n" + done.stdout)
        for tag in tags:
            check(tag in ALLOWED, "appstreamcli: %s\n%s" % (tag, done.stdout))
    else:
        print("appstreamcli is not installed (Debian: appstream): not run")
    tool = shutil.which("appstream-util")
    if tool:
        ran.append("appstream-util")
        done = subprocess.run([tool, "validate", "--nonet", METAINFO],
                              capture_output=True, text=True)
        check(done.returncode == 0 and done.stdout.strip().endswith("OK"),
              "appstream-util validate passes:\n" + done.stdout + done.stderr)
    else:
        print("appstream-util is not installed (Debian: appstream-util): not run")
    return ran


def main():
    ran = validate()
    component = ET.parse(METAINFO).getroot()

    meson = open(os.path.join(ROOT, "meson.build"), encoding="utf-8").read()
    version = re.search(r"version: '([^']+)'", meson).group(1)
    homepage = re.search(r"^homepage_url = '([^']+)'", meson, re.M).group(1)
    releases = component.findall("releases/release")
    check(releases and releases[0].get("version") == version,
          "the newest release is meson's version %s" % version)
    dates = [r.get("date") for r in releases]
    check(dates == sorted(dates, reverse=True), "releases newest first: %r" % dates)
    for release in releases:
        check(release.find("description") is not None,
              "release %s says what it brings" % release.get("version"))

    urls = {u.get("type"): u.text for u in component.findall("url")}
    check(urls.get("homepage") == homepage, "the homepage is %s" % homepage)
    check(urls.get("bugtracker") == homepage + "/issues", "the bug tracker is the homepage's")

    raw = homepage.replace("https://github.com/", "https://raw.githubusercontent.com/")
    shots = component.findall("screenshots/screenshot")
    check(len(shots) >= 3, "screenshots of the window: %d" % len(shots))
    check(sum(1 for s in shots if s.get("type") == "default") == 1, "one default screenshot")
    for shot in shots:
        image = shot.find("image")
        url = image.text or ""
        prefix = raw + "/main/data/screenshots/"
        check(url.startswith(prefix), "a screenshot from the repository: %s" % url)
        path = os.path.join(ROOT, "data", "screenshots", url[len(prefix):])
        check(os.path.isfile(path), "the screenshot is in the tree: %s" % path)
        if os.path.isfile(path):
            size = png_size(path)
            check(size == (1400, 900), "%s is a 1400×900 PNG: %r" % (path, size))
            check(size == (int(image.get("width", 0)), int(image.get("height", 0))),
                  "%s: the size given is the file's" % url)
        check(shot.findtext("caption"), "%s has a caption" % url)

    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    if failures:
        return 1
    if not ran:
        print("SKIP: neither appstreamcli nor appstream-util is installed")
        return 77
    return 0


sys.exit(main())
